package org.segnode.node.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.inference.model.ModelLabel;
import org.segnode.inference.model.ModelMetadata;

/**
 * A one-label ONNX model for queue tests: logits {@code (-g x, g x)} of the normalised input then
 * Softmax, so label 1 is where the intensity is above the mean when {@code g > 0} and nowhere when
 * {@code g = 0} (ties go to background).
 */
public final class TinyLiverModel {
  private TinyLiverModel() {}

  public static Path write(Path file, float gain) throws IOException {
    ModelMetadata metadata =
        new ModelMetadata(
            "tiny-liver",
            "0.1.0",
            List.of(ModelLabel.fromSegment(SegmentDefinition.forLabel(1))),
            PreprocessingSpec.parse(
                "v1;intensity=zscore(p0.5,p99.5);spacing=native;size=div16-pad;pad=0"),
            Postprocessing.parse("v1;largest=off;min-island-ml=0;holes=off"),
            0,
            16,
            "synthetic test model, not trained",
            Map.of("dice.liver", "0"));
    Onnx.GraphProto graph =
        Onnx.GraphProto.newBuilder()
            .setName("tiny")
            .addInitializer(tensor("W", new float[] {-gain, gain}, 2, 1, 1, 1))
            .addInitializer(tensor("B", new float[] {0, 0}, 2))
            .addInput(value("image", 1))
            .addOutput(value("probabilities", 2))
            .addNode(node("Conv", List.of("image", "W", "B"), "logits"))
            .addNode(
                node("Softmax", List.of("logits"), "probabilities").toBuilder()
                    .addAttribute(
                        Onnx.AttributeProto.newBuilder()
                            .setName("axis")
                            .setType(Onnx.AttributeProto.AttributeType.INT)
                            .setI(1))
                    .build())
            .build();
    Onnx.ModelProto.Builder model =
        Onnx.ModelProto.newBuilder()
            .setIrVersion(7)
            .setProducerName("segnode-node-tests")
            .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(graph);
    metadata
        .toMap()
        .forEach(
            (k, v) ->
                model.addMetadataProps(
                    Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return Files.write(file, model.build().toByteArray());
  }

  private static Onnx.NodeProto node(String op, List<String> inputs, String output) {
    return Onnx.NodeProto.newBuilder().setOpType(op).addAllInput(inputs).addOutput(output).build();
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

  private static Onnx.ValueInfoProto value(String name, int channels) {
    Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
    shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
    shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(channels));
    shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("H"));
    shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
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
}
