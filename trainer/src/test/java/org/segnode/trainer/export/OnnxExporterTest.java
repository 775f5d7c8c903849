package org.segnode.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.segnode.trainer.model.UNetFactory;
import org.segnode.trainer.model.UNetSpec;

class OnnxExporterTest {
  private static final Map<String, String> METADATA =
      Map.of("segnode.format", "1", "segnode.model.name", "liver-test", "segnode.divisor", "4");

  private static ComputationGraph smallClassic() {
    UNetSpec spec = new UNetSpec(UNetSpec.Design.CLASSIC, 2, 4, 1, 3);
    return UNetFactory.create(spec, 16, 16, new Adam(1e-3), new LossMCXENT(), 3);
  }

  @Test
  void modelDeclaresOpset13SymbolicSizesAndMetadata() {
    ModelProto m = OnnxExporter.toModel(smallClassic(), METADATA);
    assertEquals(13, m.getOpsetImport(0).getVersion());
    assertEquals(7, m.getIrVersion());
    assertEquals("SegNode", m.getProducerName());
    assertEquals(List.of("N", "1", "H", "W"), dims(m, true));
    assertEquals(List.of("N", "3", "H", "W"), dims(m, false));
    assertEquals("segnode.divisor", m.getMetadataProps(0).getKey(), "keys written sorted");
    assertEquals(3, m.getMetadataPropsCount());
    NodeProto last = m.getGraph().getNode(m.getGraph().getNodeCount() - 1);
    assertEquals("Softmax", last.getOpType());
    assertEquals(1, last.getAttribute(0).getI(), "softmax over the class axis");
  }

  @Test
  void exportWritesAFileOnnxRuntimeOpensWithItsMetadata(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("models/liver.onnx");
    OnnxExporter.export(smallClassic(), METADATA, out);
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList(), "no temporary file left behind");
    }
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(out.toString())) {
      assertEquals(METADATA, s.getMetadata().getCustomMetadata());
      assertEquals(List.of("input"), List.copyOf(s.getInputNames()));
      assertEquals(List.of("probabilities"), List.copyOf(s.getOutputNames()));
    }
  }

  @Test
  void anyDivisibleNonSquareSizeRunsLikeDl4j() throws Exception {
    Nd4j.getRandom().setSeed(1);
    INDArray x = Nd4j.randn(DataType.FLOAT, 2, 1, 20, 36);
    Parity.Result r = Parity.compare(smallClassic(), x);
    assertTrue(r.maxAbsDiff() < 1e-5, "max |diff| expected < 1e-5, found " + r.maxAbsDiff());
  }

  @Test
  void layerOptionsBeyondTheUNetsExportFaithfully() throws Exception {
    ComputationGraph net = ExoticGraph.create();
    Nd4j.getRandom().setSeed(2);
    Parity.Result r = Parity.compare(net, Nd4j.randn(DataType.FLOAT, 2, 2, 16, 16));
    assertTrue(r.maxAbsDiff() < 1e-5, "max |diff| expected < 1e-5, found " + r.maxAbsDiff());
  }

  @Test
  void depthwiseConvolutionIsRefusedByNameAndType() {
    Layer dw =
        new DepthwiseConvolution2D.Builder(3, 3)
            .depthMultiplier(1)
            .convolutionMode(ConvolutionMode.Same)
            .build();
    UnsupportedVertexException e =
        assertThrows(
            UnsupportedVertexException.class, () -> OnnxExporter.toModel(withLayer(dw), Map.of()));
    assertEquals("dw", e.vertex());
    assertEquals("DepthwiseConvolution2D", e.type());
    assertTrue(e.getMessage().contains("'dw' (DepthwiseConvolution2D)"), e.getMessage());
  }

  @Test
  void averagePoolingIsRefusedClearly() {
    Layer avg = new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build();
    UnsupportedVertexException e =
        assertThrows(
            UnsupportedVertexException.class, () -> OnnxExporter.toModel(withLayer(avg), Map.of()));
    assertTrue(e.getMessage().contains("expected MAX pooling on NCHW, found AVG"), e.getMessage());
  }

  /** input -> layer "dw" -> 1x1 conv -> softmax loss. */
  private static ComputationGraph withLayer(Layer layer) {
    GraphBuilder g =
        new NeuralNetConfiguration.Builder()
            .graphBuilder()
            .addInputs("input")
            .setInputTypes(InputType.convolutional(8, 8, 2))
            .addLayer("dw", layer, "input")
            .addLayer("logits", new ConvolutionLayer.Builder(1, 1).nOut(2).build(), "dw")
            .addLayer(
                "output",
                new CnnLossLayer.Builder().activation(Activation.SOFTMAX).build(),
                "logits")
            .setOutputs("output");
    ComputationGraph net = new ComputationGraph(g.build());
    net.init();
    return net;
  }

  private static List<String> dims(ModelProto m, boolean input) {
    var info = input ? m.getGraph().getInput(0) : m.getGraph().getOutput(0);
    return info.getType().getTensorType().getShape().getDimList().stream()
        .map(d -> d.hasDimValue() ? String.valueOf(d.getDimValue()) : d.getDimParam())
        .toList();
  }
}
