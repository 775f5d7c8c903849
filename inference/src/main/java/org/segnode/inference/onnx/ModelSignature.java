package org.segnode.inference.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.Map;
import org.segnode.inference.model.ModelMetadata;

/**
 * The input and output a SegNode model must have: one float NCHW input with {@code 1 + 2*context}
 * channels and one float NCHW output with {@code classes} channels. Dimensions ONNX leaves symbolic
 * are -1 and accept any size.
 */
record ModelSignature(String inputName, long[] inputShape) {

  static ModelSignature check(
      Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, ModelMetadata metadata) {
    NodeInfo input = single(inputs, "input");
    NodeInfo output = single(outputs, "output");
    long[] in = nchw(input, "input");
    long[] out = nchw(output, "output");
    requireChannels(in, metadata.inputChannels(), "input", "1 + 2 * context " + metadata.context());
    requireChannels(out, metadata.classes(), "output", "1 + highest label");
    return new ModelSignature(input.getName(), in);
  }

  private static NodeInfo single(Map<String, NodeInfo> nodes, String what) {
    if (nodes.size() != 1) {
      throw new IllegalArgumentException(
          "expected one " + what + " tensor, found " + nodes.size() + ": " + nodes.keySet());
    }
    return nodes.values().iterator().next();
  }

  private static long[] nchw(NodeInfo node, String what) {
    if (!(node.getInfo() instanceof TensorInfo t)
        || t.type != OnnxJavaType.FLOAT
        || t.getShape().length != 4) {
      throw new IllegalArgumentException(
          "expected the "
              + what
              + " '"
              + node.getName()
              + "' as a float tensor of rank 4 (NCHW), found "
              + node.getInfo());
    }
    return t.getShape();
  }

  private static void requireChannels(long[] shape, int expected, String what, String why) {
    if (shape[1] != expected && shape[1] >= 0) {
      throw new IllegalArgumentException(
          "expected "
              + expected
              + " "
              + what
              + " channels ("
              + why
              + "), found shape "
              + Arrays.toString(shape));
    }
  }
}
