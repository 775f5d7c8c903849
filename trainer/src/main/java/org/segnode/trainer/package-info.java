/** Trains SegNode's U-Nets with DeepLearning4J and exports them to ONNX. */
package org.segnode.trainer;
