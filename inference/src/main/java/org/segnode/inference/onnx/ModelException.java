package org.segnode.inference.onnx;

import java.io.IOException;

/** A model file that cannot be loaded, does not meet SegNode's contract, or fails to run. */
public class ModelException extends IOException {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
