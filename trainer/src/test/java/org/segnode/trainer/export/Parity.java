package org.segnode.trainer.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a network in DL4J (inference mode) and its ONNX export in ONNX Runtime, and compares. */
final class Parity {
  /**
   * @param maxAbsDiff largest probability difference over all pixels and classes
   * @param flips pixels whose argmax differs
   * @param decidedFlips flips at pixels where DL4J's top two classes are more than 1e-5 apart, i.e.
   *     not a rounding tie
   */
  record Result(double maxAbsDiff, int flips, int decidedFlips, int pixels) {}

  private Parity() {}

  static Result compare(ComputationGraph net, INDArray input) throws OrtException {
    float[] expected = dl4j(net, input);
    float[] actual = onnx(OnnxExporter.toModel(net, Map.of()).toByteArray(), input);
    long[] s = input.shape();
    int classes = expected.length / (int) (s[0] * s[2] * s[3]);
    return compare(expected, actual, (int) s[0], classes, (int) (s[2] * s[3]));
  }

  static float[] dl4j(ComputationGraph net, INDArray input) {
    return net.output(false, input)[0].dup('c').castTo(DataType.FLOAT).data().asFloat();
  }

  static float[] onnx(byte[] model, INDArray input) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] data = input.dup('c').castTo(DataType.FLOAT).data().asFloat();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model, options);
          OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), input.shape());
          OrtSession.Result out = session.run(Map.of(OnnxExporter.INPUT, in))) {
        FloatBuffer b = ((OnnxTensor) out.get(OnnxExporter.OUTPUT).orElseThrow()).getFloatBuffer();
        float[] result = new float[b.remaining()];
        b.get(result);
        return result;
      }
    }
  }

  static Result compare(float[] expected, float[] actual, int n, int classes, int plane) {
    if (expected.length != actual.length) {
      throw new AssertionError(
          "ONNX output expected " + expected.length + " values, found " + actual.length);
    }
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
    }
    int flips = 0;
    int decided = 0;
    for (int b = 0; b < n; b++) {
      for (int p = 0; p < plane; p++) {
        int base = b * classes * plane + p;
        if (argmax(expected, base, classes, plane) != argmax(actual, base, classes, plane)) {
          flips++;
          decided += margin(expected, base, classes, plane) > 1e-5 ? 1 : 0;
        }
      }
    }
    return new Result(max, flips, decided, n * plane);
  }

  private static int argmax(float[] a, int base, int classes, int plane) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (a[base + c * plane] > a[base + best * plane]) {
        best = c;
      }
    }
    return best;
  }

  /** Top probability minus the second. */
  private static double margin(float[] a, int base, int classes, int plane) {
    float first = Float.NEGATIVE_INFINITY;
    float second = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      float v = a[base + c * plane];
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) {
        second = v;
      }
    }
    return first - second;
  }
}
