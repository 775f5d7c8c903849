package org.segnode.trainer.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.nd4j.linalg.activations.Activation;

/**
 * The classic U-Net: per level two (3x3 convolution, batch norm, ReLU) blocks, 2x2 max pooling
 * down, nearest-neighbour x2 upsampling up, the skip connection concatenated before the decoder
 * block. Vertex names are stable ("enc1_conv0", "up2", "cat2" ...), so checkpoints stay readable.
 */
final class ClassicUNet {
  private ClassicUNet() {}

  /** Adds the encoder and decoder after {@code input}; returns the last decoder vertex. */
  static String build(GraphBuilder g, UNetSpec spec, String input) {
    String[] skips = new String[spec.depth()];
    String current = input;
    for (int level = 0; level < spec.depth(); level++) {
      current = convBlock(g, "enc" + level, current, filters(spec, level));
      skips[level] = current;
      if (level < spec.depth() - 1) {
        g.addLayer("pool" + level, maxPool(), current);
        current = "pool" + level;
      }
    }
    for (int level = spec.depth() - 2; level >= 0; level--) {
      g.addLayer("up" + level, new Upsampling2D.Builder(2).build(), current);
      g.addVertex("cat" + level, new MergeVertex(), "up" + level, skips[level]);
      current = convBlock(g, "dec" + level, "cat" + level, filters(spec, level));
    }
    return current;
  }

  static int filters(UNetSpec spec, int level) {
    return spec.baseFilters() << level;
  }

  /** Two conv + batch norm + ReLU; convolutions carry no bias, batch norm supplies the shift. */
  static String convBlock(GraphBuilder g, String name, String input, int filters) {
    String in = input;
    for (int n = 0; n < 2; n++) {
      String p = name + "_";
      g.addLayer(p + "conv" + n, conv3x3(filters), in);
      g.addLayer(p + "bn" + n, new BatchNormalization.Builder().build(), p + "conv" + n);
      g.addLayer(p + "relu" + n, new ActivationLayer(Activation.RELU), p + "bn" + n);
      in = p + "relu" + n;
    }
    return in;
  }

  static ConvolutionLayer conv3x3(int filters) {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(filters)
        .convolutionMode(ConvolutionMode.Same)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        .build();
  }

  static SubsamplingLayer maxPool() {
    return new SubsamplingLayer.Builder(PoolingType.MAX)
        .kernelSize(2, 2)
        .stride(2, 2)
        .convolutionMode(ConvolutionMode.Truncate)
        .build();
  }
}
