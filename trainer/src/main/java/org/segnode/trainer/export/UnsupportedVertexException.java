package org.segnode.trainer.export;

/** A network holds something the ONNX exporter cannot translate faithfully. */
public final class UnsupportedVertexException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String vertex;
  private final String type;

  UnsupportedVertexException(String vertex, Object config, String problem) {
    super(
        "ONNX export: vertex '"
            + vertex
            + "' ("
            + config.getClass().getSimpleName()
            + ") not supported: "
            + problem);
    this.vertex = vertex;
    this.type = config.getClass().getSimpleName();
  }

  /** The vertex name in the ComputationGraph. */
  public String vertex() {
    return vertex;
  }

  /** The simple class name of the vertex's (or its layer's) configuration. */
  public String type() {
    return type;
  }
}
