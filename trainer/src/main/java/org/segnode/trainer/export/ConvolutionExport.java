package org.segnode.trainer.export;

import static org.segnode.trainer.export.OnnxGraph.integer;
import static org.segnode.trainer.export.OnnxGraph.ints;

import java.util.ArrayList;
import java.util.List;
import onnx.Onnx.AttributeProto;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ConvolutionLayer and SeparableConvolution2D as ONNX Conv nodes. DL4J stores convolution weights
 * [out, in, kh, kw] like ONNX; a separable convolution becomes a depthwise Conv (group = input
 * channels) followed by a pointwise 1x1 Conv that carries the bias.
 */
final class ConvolutionExport {
  private ConvolutionExport() {}

  static String convolution(OnnxGraph g, String name, Layer layer, String input) {
    ConvolutionLayer conf = (ConvolutionLayer) layer.conf().getLayer();
    checkNchw(name, conf);
    INDArray w = layer.getParam("W");
    List<String> in =
        new ArrayList<>(List.of(input, g.floats(name + "/W", Weights.of(w), w.shape())));
    if (conf.isHasBias()) {
      in.add(g.floats(name + "/B", Weights.of(layer.getParam("b")), conf.getNOut()));
    }
    String conv =
        g.node("Conv", in, LayerExport.preActivation(name, conf), geometry(name, conf, 1));
    return LayerExport.fusedActivation(g, name, conf, conv);
  }

  static String separable(OnnxGraph g, String name, Layer layer, String input) {
    SeparableConvolution2D conf = (SeparableConvolution2D) layer.conf().getLayer();
    checkNchw(name, conf);
    long nIn = conf.getNIn();
    int mult = conf.getDepthMultiplier();
    int[] k = conf.getKernelSize();
    float[] depthwise = depthwiseWeights(layer.getParam("W"), nIn, mult, k);
    String dw = g.floats(name + "/depthwise_W", depthwise, nIn * mult, 1, k[0], k[1]);
    String depth =
        g.node("Conv", List.of(input, dw), name + "/depthwise", geometry(name, conf, nIn));
    INDArray pw = layer.getParam("pW");
    List<String> in =
        new ArrayList<>(
            List.of(depth, g.floats(name + "/pointwise_W", Weights.of(pw), pw.shape())));
    if (conf.isHasBias()) {
      in.add(g.floats(name + "/B", Weights.of(layer.getParam("b")), conf.getNOut()));
    }
    String point = g.node("Conv", in, LayerExport.preActivation(name, conf), integer("group", 1));
    return LayerExport.fusedActivation(g, name, conf, point);
  }

  /**
   * DL4J keeps depthwise weights as [multiplier, in, kh, kw]; its depthwise output channel c *
   * multiplier + m reads input channel c, which is the layout ONNX grouped Conv expects as [in *
   * multiplier, 1, kh, kw].
   */
  static float[] depthwiseWeights(INDArray w, long nIn, int mult, int[] k) {
    float[] src = Weights.of(w);
    int plane = k[0] * k[1];
    float[] out = new float[src.length];
    for (int m = 0; m < mult; m++) {
      for (int c = 0; c < nIn; c++) {
        int from = (int) ((m * nIn + c) * plane);
        int to = (c * mult + m) * plane;
        System.arraycopy(src, from, out, to, plane);
      }
    }
    return out;
  }

  private static AttributeProto[] geometry(String name, ConvolutionLayer conf, long group) {
    int[] k = conf.getKernelSize();
    int[] s = conf.getStride();
    int[] d = conf.getDilation();
    long[] pads = pads(name, conf, conf.getConvolutionMode(), k, s, d, conf.getPadding());
    return new AttributeProto[] {
      ints("kernel_shape", k[0], k[1]),
      ints("strides", s[0], s[1]),
      ints("dilations", d[0], d[1]),
      ints("pads", pads),
      integer("group", group)
    };
  }

  /**
   * ONNX pads [top, left, bottom, right]. Same mode pads like DL4J (and TensorFlow): output =
   * ceil(in / stride), the odd pixel of the total padding at the bottom/right. The total depends on
   * the input size only through in % stride, and SegNode inputs are multiples of every stride
   * (UNetSpec.divisor), so the pads are fixed: total = effective kernel - stride.
   */
  static long[] pads(
      String name, Object conf, ConvolutionMode mode, int[] k, int[] s, int[] d, int[] padding) {
    if (mode == ConvolutionMode.Same) {
      long[] p = new long[4];
      for (int axis = 0; axis < 2; axis++) {
        int effective = (k[axis] - 1) * d[axis] + 1;
        int total = Math.max(effective - s[axis], 0);
        p[axis] = total / 2;
        p[axis + 2] = total - total / 2;
      }
      return p;
    }
    if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
      return new long[] {padding[0], padding[1], padding[0], padding[1]};
    }
    throw new UnsupportedVertexException(name, conf, "convolution mode " + mode);
  }

  private static void checkNchw(String name, ConvolutionLayer conf) {
    if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedVertexException(
          name, conf, "data format expected NCHW, found " + conf.getCnn2dDataFormat());
    }
  }
}
