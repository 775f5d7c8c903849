package org.segnode.inference;

import java.io.IOException;
import java.nio.file.Path;

/** {@link TinyModel} for tests in other packages. */
public final class TinyModelAccess {
  private TinyModelAccess() {}

  public static Path threshold(Path file) throws IOException {
    return TinyModel.threshold(TinyModel.SPEC).write(file);
  }

  public static Path without(Path file, String key) throws IOException {
    return TinyModel.threshold(TinyModel.SPEC).without(key).write(file);
  }

  public static Path with(Path file, String key, String value) throws IOException {
    return TinyModel.threshold(TinyModel.SPEC).with(key, value).write(file);
  }

  public static Path logits(Path file) throws IOException {
    TinyModel m = TinyModel.threshold(TinyModel.SPEC);
    m.softmax = false;
    return m.write(file);
  }
}
