package org.segnode.trainer.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.nd4j.linalg.activations.Activation;

/**
 * The lab prototype's second design: a stride-2 3x3 stem convolution halves the resolution first
 * (cheaper levels), then residual blocks of depthwise-separable convolutions; max pooling down,
 * nearest x2 upsampling plus concatenated skip up, and a last x2 upsampling back to the input
 * resolution before the logits. Vertex names: "stem_conv", "enc0_sep0", "enc1_proj", "enc1_add",
 * "pool0", "up0", "cat0", "dec0_relu1", "final_up".
 */
final class LabUNet {
  private LabUNet() {}

  /** Adds stem, encoder, decoder and final upsampling after {@code input}; returns the last. */
  static String build(GraphBuilder g, UNetSpec spec, String input) {
    String current = stem(g, input, ClassicUNet.filters(spec, 0));
    String[] skips = new String[spec.depth()];
    int channels = ClassicUNet.filters(spec, 0);
    for (int level = 0; level < spec.depth(); level++) {
      int filters = ClassicUNet.filters(spec, level);
      current = residualBlock(g, "enc" + level, current, channels, filters);
      skips[level] = current;
      channels = filters;
      if (level < spec.depth() - 1) {
        g.addLayer("pool" + level, ClassicUNet.maxPool(), current);
        current = "pool" + level;
      }
    }
    for (int level = spec.depth() - 2; level >= 0; level--) {
      int filters = ClassicUNet.filters(spec, level);
      g.addLayer("up" + level, new Upsampling2D.Builder(2).build(), current);
      g.addVertex("cat" + level, new MergeVertex(), "up" + level, skips[level]);
      current = residualBlock(g, "dec" + level, "cat" + level, channels + filters, filters);
      channels = filters;
    }
    g.addLayer("final_up", new Upsampling2D.Builder(2).build(), current);
    return "final_up";
  }

  private static String stem(GraphBuilder g, String input, int filters) {
    g.addLayer(
        "stem_conv",
        new ConvolutionLayer.Builder(3, 3)
            .stride(2, 2)
            .nOut(filters)
            .convolutionMode(ConvolutionMode.Same)
            .hasBias(false)
            .activation(Activation.IDENTITY)
            .build(),
        input);
    g.addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem_conv");
    g.addLayer("stem_relu", new ActivationLayer(Activation.RELU), "stem_bn");
    return "stem_relu";
  }

  /**
   * sep3x3-BN-ReLU-sep3x3-BN, plus the shortcut (identity when the channel counts agree, else a 1x1
   * convolution), then ReLU after the sum as in ResNet.
   */
  static String residualBlock(GraphBuilder g, String name, String input, int inCh, int filters) {
    String p = name + "_";
    g.addLayer(p + "sep0", separable3x3(filters), input);
    g.addLayer(p + "bn0", new BatchNormalization.Builder().build(), p + "sep0");
    g.addLayer(p + "relu0", new ActivationLayer(Activation.RELU), p + "bn0");
    g.addLayer(p + "sep1", separable3x3(filters), p + "relu0");
    g.addLayer(p + "bn1", new BatchNormalization.Builder().build(), p + "sep1");
    String shortcut = input;
    if (inCh != filters) {
      shortcut = p + "proj";
      g.addLayer(shortcut, projection(filters), input);
    }
    g.addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn1", shortcut);
    g.addLayer(p + "relu1", new ActivationLayer(Activation.RELU), p + "add");
    return p + "relu1";
  }

  private static SeparableConvolution2D separable3x3(int filters) {
    return new SeparableConvolution2D.Builder(3, 3)
        .nOut(filters)
        .depthMultiplier(1)
        .convolutionMode(ConvolutionMode.Same)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        .build();
  }

  /** No bias: the block's second batch norm already supplies the shift of the sum. */
  private static ConvolutionLayer projection(int filters) {
    return new ConvolutionLayer.Builder(1, 1)
        .nOut(filters)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        .build();
  }
}
