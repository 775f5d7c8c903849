package org.segnode.trainer.export;

import static org.segnode.trainer.export.OnnxGraph.integer;
import static org.segnode.trainer.export.OnnxGraph.ints;
import static org.segnode.trainer.export.OnnxGraph.real;
import static org.segnode.trainer.export.OnnxGraph.string;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** Batch norm, activations, pooling, upsampling and the softmax of the loss layer. */
final class LayerExport {
  static final String ACTIVATIONS = "IDENTITY, RELU, LEAKYRELU, SIGMOID, TANH";

  private LayerExport() {}

  /**
   * Inference-mode batch norm. DL4J 1.0.0-M2.1 computes gamma * (x - mean) / sqrt(var + eps) + beta
   * (its own code and the oneDNN/cuDNN helpers alike), where var = (10^log10stdev)^2 when useLogStd
   * (the default, parameter "log10stdev") and the "var" parameter otherwise. ONNX
   * BatchNormalization computes the same with epsilon = eps: the variance is stored as DL4J uses
   * it, eps is not subtracted.
   */
  static String batchNorm(OnnxGraph g, String name, Layer layer, String input) {
    BatchNormalization conf = (BatchNormalization) layer.conf().getLayer();
    if (conf.getCnn2DFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedVertexException(name, conf, "data format " + conf.getCnn2DFormat());
    }
    int c = (int) conf.getNOut();
    float[] gamma = gammaBeta(layer, conf, "gamma", c);
    float[] beta = gammaBeta(layer, conf, "beta", c);
    float[] variance = onnxVariance(layer, conf);
    List<String> in =
        List.of(
            input,
            g.floats(name + "/gamma", gamma, c),
            g.floats(name + "/beta", beta, c),
            g.floats(name + "/mean", Weights.of(layer.getParam("mean")), c),
            g.floats(name + "/var", variance, c));
    // No activation node: DL4J's batch norm layer never applies its configured activation
    // (which defaults to the builder-wide SIGMOID), only the normalisation.
    return g.node("BatchNormalization", in, name, real("epsilon", (float) conf.getEps()));
  }

  static float[] onnxVariance(Layer layer, BatchNormalization conf) {
    double[] v;
    if (conf.isUseLogStd()) {
      v = Weights.doubles(layer.getParam("log10stdev"));
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.pow(10, 2 * v[i]);
      }
    } else {
      v = Weights.doubles(layer.getParam("var"));
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  /**
   * Learned gamma/beta, or the configured constants when locked. DL4J applies locked constants only
   * when gamma != 1 and beta != 0 both hold, else neither; the export copies that.
   */
  private static float[] gammaBeta(Layer layer, BatchNormalization conf, String param, int c) {
    if (!conf.isLockGammaBeta()) {
      return Weights.of(layer.getParam(param));
    }
    boolean applied = conf.getGamma() != 1.0 && conf.getBeta() != 0.0;
    double value = param.equals("gamma") ? conf.getGamma() : conf.getBeta();
    double neutral = param.equals("gamma") ? 1.0 : 0.0;
    float[] a = new float[c];
    Arrays.fill(a, (float) (applied ? value : neutral));
    return a;
  }

  /** The tensor before the layer's activation; the vertex name itself when there is none. */
  static String preActivation(String name, BaseLayer conf) {
    return conf.getActivationFn() instanceof ActivationIdentity ? name : name + "/preactivation";
  }

  /** The activation a layer applies after its own operation; none for IDENTITY. */
  static String fusedActivation(OnnxGraph g, String name, BaseLayer conf, String input) {
    if (conf.getActivationFn() instanceof ActivationIdentity) {
      return input;
    }
    return activation(g, name, conf, conf.getActivationFn(), input);
  }

  static String activation(OnnxGraph g, String name, Object conf, IActivation fn, String input) {
    List<String> in = List.of(input);
    if (fn instanceof ActivationIdentity) {
      return g.node("Identity", in, name);
    } else if (fn instanceof ActivationReLU relu && isPlainRelu(relu)) {
      return g.node("Relu", in, name);
    } else if (fn instanceof ActivationLReLU leaky) {
      return g.node("LeakyRelu", in, name, real("alpha", (float) leaky.getAlpha()));
    } else if (fn instanceof ActivationSigmoid) {
      return g.node("Sigmoid", in, name);
    } else if (fn instanceof ActivationTanH) {
      return g.node("Tanh", in, name);
    }
    throw new UnsupportedVertexException(
        name, conf, "activation " + fn + "; supported: " + ACTIVATIONS);
  }

  /** DL4J's ReLU may carry a cap, threshold or negative slope; ONNX Relu has none of them. */
  private static boolean isPlainRelu(ActivationReLU relu) {
    return isZeroOrNull(relu.getThreshold())
        && isZeroOrNull(relu.getNegativeSlope())
        && (relu.getMax() == null || relu.getMax().isInfinite());
  }

  private static boolean isZeroOrNull(Double d) {
    return d == null || d == 0.0;
  }

  static String maxPool(OnnxGraph g, String name, Layer layer, String input) {
    SubsamplingLayer conf = (SubsamplingLayer) layer.conf().getLayer();
    if (conf.getPoolingType() != PoolingType.MAX || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedVertexException(
          name,
          conf,
          "expected MAX pooling on NCHW, found "
              + conf.getPoolingType()
              + " on "
              + conf.getCnn2dDataFormat());
    }
    int[] k = conf.getKernelSize();
    int[] s = conf.getStride();
    int[] d = conf.getDilation();
    long[] pads =
        ConvolutionExport.pads(name, conf, conf.getConvolutionMode(), k, s, d, conf.getPadding());
    return g.node(
        "MaxPool",
        List.of(input),
        name,
        ints("kernel_shape", k[0], k[1]),
        ints("strides", s[0], s[1]),
        ints("dilations", d[0], d[1]),
        ints("pads", pads));
  }

  /** DL4J Upsampling2D repeats each pixel: ONNX Resize nearest, asymmetric, floor. */
  static String upsample(OnnxGraph g, String name, Layer layer, String input) {
    Upsampling2D conf = (Upsampling2D) layer.conf().getLayer();
    if (conf.getFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedVertexException(name, conf, "data format " + conf.getFormat());
    }
    int[] size = conf.getSize();
    float sh = size[0];
    float sw = size.length > 1 ? size[1] : size[0];
    String scales = g.floats(name + "/scales", new float[] {1, 1, sh, sw}, 4);
    return g.node(
        "Resize",
        List.of(input, "", scales),
        name,
        string("mode", "nearest"),
        string("coordinate_transformation_mode", "asymmetric"),
        string("nearest_mode", "floor"));
  }

  /** The loss layer's activation alone survives export: softmax over the class channel. */
  static String lossActivation(OnnxGraph g, String name, Layer layer, String input, String out) {
    CnnLossLayer conf = (CnnLossLayer) layer.conf().getLayer();
    if (conf.getFormat() != CNN2DFormat.NCHW) {
      throw new UnsupportedVertexException(name, conf, "data format " + conf.getFormat());
    }
    IActivation fn = conf.getActivationFn();
    if (fn instanceof ActivationSoftmax) {
      return g.node("Softmax", List.of(input), out, integer("axis", 1));
    } else if (fn instanceof ActivationSigmoid) {
      return g.node("Sigmoid", List.of(input), out);
    }
    throw new UnsupportedVertexException(
        name, conf, "output activation " + fn + "; supported: SOFTMAX, SIGMOID");
  }
}
