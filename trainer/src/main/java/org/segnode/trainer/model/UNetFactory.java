package org.segnode.trainer.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Builds a U-Net ComputationGraph: input "input" (NCHW), a 1x1 convolution "logits" to the class
 * count, and a softmax over the channels in the loss layer "output".
 */
public final class UNetFactory {
  public static final String INPUT = "input";
  public static final String LOGITS = "logits";
  public static final String OUTPUT = "output";

  private UNetFactory() {}

  /**
   * @param height height used for shape inference only: the network runs on any size divisible by
   *     {@link UNetSpec#divisor()}
   */
  public static ComputationGraph create(
      UNetSpec spec, int height, int width, IUpdater updater, ILossFunction loss, long seed) {
    GraphBuilder g =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs(INPUT)
            .setInputTypes(InputType.convolutional(height, width, spec.inputChannels()));
    String last =
        switch (spec.design()) {
          case CLASSIC -> ClassicUNet.build(g, spec, INPUT);
          case LAB -> LabUNet.build(g, spec, INPUT);
        };
    g.addLayer(
        LOGITS,
        new ConvolutionLayer.Builder(1, 1)
            .nOut(spec.classes())
            .activation(Activation.IDENTITY)
            .build(),
        last);
    g.addLayer(
        OUTPUT,
        new CnnLossLayer.Builder().lossFunction(loss).activation(Activation.SOFTMAX).build(),
        LOGITS);
    g.setOutputs(OUTPUT);
    ComputationGraphConfiguration conf = g.build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }
}
