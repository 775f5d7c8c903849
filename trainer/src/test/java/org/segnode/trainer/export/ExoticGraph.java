package org.segnode.trainer.export;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small graph using the layer options the U-Nets leave at their defaults: strided Same
 * convolution with bias and leaky ReLU, separable convolution with depth multiplier 2, explicit
 * padding, bias and tanh, batch norm storing plain variance or with locked gamma/beta, 3x3 stride-1
 * Same max pooling, element-wise product, concatenation and upsampling. Biases and statistics are
 * set to random values so that none of them is an identity.
 */
final class ExoticGraph {
  private ExoticGraph() {}

  static ComputationGraph create() {
    GraphBuilder g =
        new NeuralNetConfiguration.Builder()
            .seed(9)
            .graphBuilder()
            .addInputs("input")
            .setInputTypes(InputType.convolutional(16, 16, 2));
    g.addLayer("c1", strided(), "input");
    g.addLayer("s1", separable(), "c1");
    g.addLayer("bn", new BatchNormalization.Builder().useLogStd(false).build(), "s1");
    g.addLayer("sig", new ActivationLayer(Activation.SIGMOID), "bn");
    g.addLayer("pool", pool(), "bn");
    g.addLayer("locked", locked(1.5, 0.25), "pool");
    g.addLayer("halfLocked", locked(2.0, 0.0), "locked");
    g.addVertex("prod", new ElementWiseVertex(ElementWiseVertex.Op.Product), "sig", "halfLocked");
    g.addVertex("cat", new MergeVertex(), "prod", "s1");
    g.addLayer("up", new Upsampling2D.Builder(2).build(), "cat");
    g.addLayer("logits", new ConvolutionLayer.Builder(1, 1).nOut(3).build(), "up");
    g.addLayer(
        "output", new CnnLossLayer.Builder().activation(Activation.SOFTMAX).build(), "logits");
    ComputationGraph net = new ComputationGraph(g.setOutputs("output").build());
    net.init();
    randomise(net);
    return net;
  }

  private static ConvolutionLayer strided() {
    return new ConvolutionLayer.Builder(3, 3)
        .stride(2, 2)
        .nOut(4)
        .convolutionMode(ConvolutionMode.Same)
        .activation(Activation.LEAKYRELU)
        .build();
  }

  private static SeparableConvolution2D separable() {
    return new SeparableConvolution2D.Builder(3, 3)
        .depthMultiplier(2)
        .nOut(6)
        .padding(1, 1)
        .convolutionMode(ConvolutionMode.Truncate)
        .activation(Activation.TANH)
        .build();
  }

  /** DL4J applies locked gamma/beta only when gamma != 1 and beta != 0. */
  private static BatchNormalization locked(double gamma, double beta) {
    return new BatchNormalization.Builder(gamma, beta).lockGammaBeta(true).build();
  }

  private static SubsamplingLayer pool() {
    return new SubsamplingLayer.Builder(PoolingType.MAX)
        .kernelSize(3, 3)
        .stride(1, 1)
        .convolutionMode(ConvolutionMode.Same)
        .build();
  }

  private static void randomise(ComputationGraph net) {
    Nd4j.getRandom().setSeed(4);
    for (String name : new String[] {"c1", "s1", "logits"}) {
      var b = net.getLayer(name).getParam("b");
      b.assign(Nd4j.randn(DataType.FLOAT, b.shape()).muli(0.5));
    }
    var bn = net.getLayer("bn");
    for (String p : new String[] {"gamma", "beta", "mean"}) {
      bn.getParam(p).assign(Nd4j.randn(DataType.FLOAT, bn.getParam(p).shape()));
    }
    bn.getParam("var").assign(Nd4j.rand(DataType.FLOAT, bn.getParam("var").shape()).addi(0.1));
    for (String name : new String[] {"locked", "halfLocked"}) {
      var mean = net.getLayer(name).getParam("mean");
      mean.assign(Nd4j.randn(DataType.FLOAT, mean.shape()));
      var logStd = net.getLayer(name).getParam("log10stdev");
      logStd.assign(Nd4j.randn(DataType.FLOAT, logStd.shape()).muli(0.3));
    }
  }
}
