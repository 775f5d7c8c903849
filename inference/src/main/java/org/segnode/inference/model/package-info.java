/** The contract between a trained model and SegNode: the metadata an ONNX model carries. */
package org.segnode.inference.model;
