/** Runs SegNode's ONNX segmentation models with ONNX Runtime, exactly as the node will. */
package org.segnode.inference;
