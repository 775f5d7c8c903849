package org.segnode.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.inference.model.ModelLabel;
import org.segnode.inference.model.ModelMetadata;

/**
 * Builds tiny ONNX models (opset 13) for tests: a 1x1 Conv over the input channels followed by a
 * Softmax over the output channels. Output channel c is {@code gains[c] * x + biases[c]} where x is
 * input channel {@code signalChannel}; the default gains {-G, +G} make label 1 win exactly where
 * the normalised intensity of that channel is above 0.
 */
final class TinyModel {
  static final String SPEC = "v1;intensity=zscore(p0.5,p99.5);spacing=native;size=div16-pad;pad=0";
  static final String POST = "v1;largest=off;min-island-ml=0;holes=off";
  static final float GAIN = 1000f;

  Map<String, String> metadata;
  int inputChannels = 1;
  int signalChannel;
  float[] gains = {-GAIN, GAIN};
  float[] biases = {0, 0};
  boolean softmax = true;
  long batch = -1;
  long size = -1;

  /** A 2D liver model with {@code spec} and no post-processing. */
  static TinyModel threshold(String spec) {
    return threshold(metadata(spec, 0, List.of(1)));
  }

  static TinyModel threshold(ModelMetadata metadata) {
    TinyModel m = new TinyModel();
    m.metadata = new LinkedHashMap<>(metadata.toMap());
    m.inputChannels = metadata.inputChannels();
    m.signalChannel = metadata.context();
    return m;
  }

  static ModelMetadata metadata(String spec, int context, List<Integer> labels) {
    return new ModelMetadata(
        "tiny-threshold",
        "0.1.0",
        labels.stream().map(l -> ModelLabel.fromSegment(SegmentDefinition.forLabel(l))).toList(),
        PreprocessingSpec.parse(spec),
        Postprocessing.parse(POST),
        context,
        16,
        "synthetic test model, not trained",
        Map.of("dice.liver", "0"));
  }

  TinyModel without(String key) {
    metadata.remove(key);
    return this;
  }

  TinyModel with(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
  }

  byte[] bytes() {
    int classes = gains.length;
    Onnx.GraphProto.Builder graph =
        Onnx.GraphProto.newBuilder()
            .setName("tiny")
            .addInitializer(tensor("W", weights(), classes, inputChannels, 1, 1))
            .addInitializer(tensor("B", biases, classes))
            .addInput(value("image", inputChannels))
            .addOutput(value("probabilities", classes))
            .addNode(
                node("Conv", List.of("image", "W", "B"), softmax ? "logits" : "probabilities"));
    if (softmax) {
      graph.addNode(
          node("Softmax", List.of("logits"), "probabilities").toBuilder()
              .addAttribute(
                  Onnx.AttributeProto.newBuilder()
                      .setName("axis")
                      .setType(Onnx.AttributeProto.AttributeType.INT)
                      .setI(1)));
    }
    Onnx.ModelProto.Builder model =
        Onnx.ModelProto.newBuilder()
            .setIrVersion(7)
            .setProducerName("segnode-tests")
            .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
            .setGraph(graph);
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build().toByteArray();
  }

  private float[] weights() {
    float[] w = new float[gains.length * inputChannels];
    for (int c = 0; c < gains.length; c++) {
      w[c * inputChannels + signalChannel] = gains[c];
    }
    return w;
  }

  private static Onnx.NodeProto node(String op, List<String> inputs, String output) {
    return Onnx.NodeProto.newBuilder()
        .setOpType(op)
        .setName(op.toLowerCase())
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static Onnx.TensorProto tensor(String name, float[] values, long... dims) {
    Onnx.TensorProto.Builder t =
        Onnx.TensorProto.newBuilder()
            .setName(name)
            .setDataType(Onnx.TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    return t.build();
  }

  private Onnx.ValueInfoProto value(String name, int channels) {
    Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
    shape.addDim(dim("N", batch)).addDim(dim("C", channels));
    shape.addDim(dim("H", size)).addDim(dim("W", size));
    Onnx.TypeProto.Tensor tensor =
        Onnx.TypeProto.Tensor.newBuilder()
            .setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber())
            .setShape(shape)
            .build();
    return Onnx.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(Onnx.TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }

  private static Onnx.TensorShapeProto.Dimension dim(String name, long value) {
    Onnx.TensorShapeProto.Dimension.Builder d = Onnx.TensorShapeProto.Dimension.newBuilder();
    return (value > 0 ? d.setDimValue(value) : d.setDimParam(name)).build();
  }
}
