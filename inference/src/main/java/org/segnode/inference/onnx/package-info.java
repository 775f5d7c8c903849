/** Loading, checking and running SegNode models with ONNX Runtime. */
package org.segnode.inference.onnx;
