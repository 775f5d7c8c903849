package org.segnode.trainer.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import onnx.Onnx.ModelProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Writes a trained U-Net ComputationGraph as an ONNX model (opset 13, IR version 7) that runs in
 * ONNX Runtime: input "input" float [N, C, H, W], output "probabilities" float [N, classes, H, W],
 * the softmax over classes of the loss layer. N, H and W are symbolic, so any size the network
 * accepts (multiples of UNetSpec.divisor) runs. Batch norm is exported in inference mode.
 */
public final class OnnxExporter {
  public static final String INPUT = "input";
  public static final String OUTPUT = "probabilities";

  /** Opset 13: Softmax normalises over the given axis alone (earlier opsets flatten C*H*W). */
  public static final int OPSET = 13;

  /** The IR version that introduced opset 13; ONNX Runtime reads it and every later one. */
  public static final long IR_VERSION = 7;

  public static final String PRODUCER = "SegNode";

  private OnnxExporter() {}

  /** Writes the model through a temporary file in the target folder and an atomic move. */
  public static void export(ComputationGraph net, Map<String, String> metadata, Path out)
      throws IOException {
    byte[] bytes = toModel(net, metadata).toByteArray();
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, out.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The model in memory; throws {@link UnsupportedVertexException} naming what it cannot map. */
  public static ModelProto toModel(ComputationGraph net, Map<String, String> metadata) {
    ComputationGraphConfiguration conf = net.getConfiguration();
    String input = only("input", conf.getNetworkInputs());
    String output = only("output", conf.getNetworkOutputs());
    GraphVertex outVertex = conf.getVertices().get(output);
    if (!(outVertex instanceof LayerVertex lv
        && lv.getLayerConf().getLayer() instanceof CnnLossLayer)) {
      throw new UnsupportedVertexException(
          output, outVertex, "the network output expected to be a CnnLossLayer");
    }
    OnnxGraph g = new OnnxGraph("segnode");
    Map<String, String> tensors = new HashMap<>();
    tensors.put(input, INPUT);
    for (int index : net.topologicalSortOrder()) {
      String name = net.getVertices()[index].getVertexName();
      if (!name.equals(input)) {
        List<String> in = conf.getVertexInputs().get(name).stream().map(tensors::get).toList();
        tensors.put(name, VertexExport.convert(g, net, name, conf.getVertices().get(name), in));
      }
    }
    long channels = nIn(conf, input);
    long classes = nOut(conf, conf.getVertexInputs().get(output).get(0));
    g.proto().addInput(valueInfo(INPUT, channels)).addOutput(valueInfo(OUTPUT, classes));
    return model(g, metadata);
  }

  private static ModelProto model(OnnxGraph g, Map<String, String> metadata) {
    ModelProto.Builder m =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName(PRODUCER)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(g.proto());
    new TreeMap<>(metadata)
        .forEach(
            (k, v) ->
                m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return m.build();
  }

  /** Float [N, channels, H, W]; channels symbolic ("C") when the graph does not tell. */
  private static ValueInfoProto valueInfo(String name, long channels) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
    TensorShapeProto.Dimension.Builder c = TensorShapeProto.Dimension.newBuilder();
    shape.addDim(channels > 0 ? c.setDimValue(channels) : c.setDimParam("C"));
    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("H"));
    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
    TypeProto.Tensor.Builder tensor =
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape);
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }

  /** nIn of a layer reading the network input, or -1. */
  private static long nIn(ComputationGraphConfiguration conf, String input) {
    for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
      Layer l = layerOf(conf, e.getKey());
      if (e.getValue().contains(input) && l instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
        return ff.getNIn();
      }
    }
    return -1;
  }

  /** nOut of the named layer, or -1. */
  private static long nOut(ComputationGraphConfiguration conf, String vertex) {
    return layerOf(conf, vertex) instanceof FeedForwardLayer ff ? ff.getNOut() : -1;
  }

  private static Layer layerOf(ComputationGraphConfiguration conf, String vertex) {
    return conf.getVertices().get(vertex) instanceof LayerVertex lv
        ? lv.getLayerConf().getLayer()
        : null;
  }

  private static String only(String what, List<String> names) {
    if (names.size() != 1) {
      throw new IllegalArgumentException(
          "ONNX export: expected 1 network " + what + ", found " + names.size() + " " + names);
    }
    return names.get(0);
  }
}
