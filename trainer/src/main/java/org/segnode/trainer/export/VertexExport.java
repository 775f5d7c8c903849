package org.segnode.trainer.export;

import static org.segnode.trainer.export.OnnxGraph.integer;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Translates one ComputationGraph vertex into ONNX nodes. Layer classes are matched exactly, not
 * with instanceof: DL4J's 1D, 3D, depthwise and transposed variants subclass the 2D layers and
 * would export silently wrong.
 */
final class VertexExport {
  static final String SUPPORTED =
      "ConvolutionLayer, SeparableConvolution2D, BatchNormalization, ActivationLayer,"
          + " SubsamplingLayer (MAX), Upsampling2D, MergeVertex, ElementWiseVertex, CnnLossLayer";

  private VertexExport() {}

  /** Returns the ONNX tensor holding the vertex's output. */
  static String convert(
      OnnxGraph g, ComputationGraph net, String name, GraphVertex vertex, List<String> inputs) {
    if (vertex instanceof LayerVertex lv) {
      if (lv.getPreProcessor() != null) {
        throw new UnsupportedVertexException(
            name, lv.getLayerConf().getLayer(), "input preprocessor " + lv.getPreProcessor());
      }
      return layer(g, name, net.getLayer(name), single(name, vertex, inputs));
    } else if (vertex instanceof MergeVertex merge) {
      return g.node("Concat", inputs, name, integer("axis", merge.getMergeAxis()));
    } else if (vertex instanceof ElementWiseVertex ew) {
      return elementWise(g, name, ew, inputs);
    }
    throw new UnsupportedVertexException(name, vertex, "supported: " + SUPPORTED);
  }

  private static String layer(OnnxGraph g, String name, Layer layer, String input) {
    Class<?> type = layer.conf().getLayer().getClass();
    if (type == ConvolutionLayer.class) {
      return ConvolutionExport.convolution(g, name, layer, input);
    } else if (type == SeparableConvolution2D.class) {
      return ConvolutionExport.separable(g, name, layer, input);
    } else if (type == BatchNormalization.class) {
      return LayerExport.batchNorm(g, name, layer, input);
    } else if (type == ActivationLayer.class) {
      ActivationLayer conf = (ActivationLayer) layer.conf().getLayer();
      return LayerExport.activation(g, name, conf, conf.getActivationFn(), input);
    } else if (type == SubsamplingLayer.class) {
      return LayerExport.maxPool(g, name, layer, input);
    } else if (type == Upsampling2D.class) {
      return LayerExport.upsample(g, name, layer, input);
    } else if (type == CnnLossLayer.class) {
      return LayerExport.lossActivation(g, name, layer, input, OnnxExporter.OUTPUT);
    }
    throw new UnsupportedVertexException(
        name,
        layer.conf().getLayer(),
        "layer type unknown to the exporter; supported: " + SUPPORTED);
  }

  private static String elementWise(
      OnnxGraph g, String name, ElementWiseVertex vertex, List<String> inputs) {
    boolean two = inputs.size() == 2;
    String op =
        switch (vertex.getOp()) {
          case Add -> two ? "Add" : "Sum";
          case Product -> two ? "Mul" : null;
          case Subtract -> two ? "Sub" : null;
          case Average -> "Mean";
          case Max -> "Max";
        };
    if (op == null) {
      throw new UnsupportedVertexException(
          name, vertex, vertex.getOp() + " expected 2 inputs, found " + inputs.size());
    }
    return g.node(op, inputs, name);
  }

  private static String single(String name, GraphVertex vertex, List<String> inputs) {
    if (inputs.size() != 1) {
      throw new UnsupportedVertexException(
          name, vertex, "a layer expected 1 input, found " + inputs.size());
    }
    return inputs.get(0);
  }
}
