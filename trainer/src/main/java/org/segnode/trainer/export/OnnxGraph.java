package org.segnode.trainer.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.AttributeProto.AttributeType;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Accumulates the nodes and initializers of an ONNX graph. Every tensor name is used once; a second
 * producer of the same name is a bug in the exporter, reported rather than silently shadowing the
 * first.
 */
final class OnnxGraph {
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();

  OnnxGraph(String name) {
    graph.setName(name);
  }

  GraphProto.Builder proto() {
    return graph;
  }

  /** Adds a node named after its single output; returns that output. */
  String node(String op, List<String> inputs, String output, AttributeProto... attributes) {
    claim(output);
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
    n.addAllInput(inputs);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return output;
  }

  /** Adds a float constant (little-endian raw data, as ONNX requires); returns its name. */
  String floats(String name, float[] values, long... dims) {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    if (count != values.length) {
      throw new IllegalStateException(
          name + ": expected " + count + " values for its shape, found " + values.length);
    }
    claim(name);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name);
    t.setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  private void claim(String name) {
    if (!names.add(name)) {
      throw new IllegalStateException("ONNX tensor name used twice: " + name);
    }
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
  }

  static AttributeProto real(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  static AttributeProto string(String name, String value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeType.STRING)
        .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8))
        .build();
  }
}
