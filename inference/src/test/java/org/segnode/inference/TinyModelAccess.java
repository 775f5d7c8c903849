package org.segnode.inference;

import java.io.IOException;
import java.nio.file.Path;

/** {@link TinyModel} for tests in other packages and modules (this module's test-jar). */
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

  /**
   * A one-label liver model: label 1 where the normalised intensity is above 0 when {@code gain >
   * 0}, nowhere when {@code gain = 0} (ties go to background).
   */
  public static Path liver(Path file, float gain) throws IOException {
    TinyModel m = TinyModel.threshold(TinyModel.SPEC);
    m.gains = new float[] {-gain, gain};
    return m.write(file);
  }

  public static Path logits(Path file) throws IOException {
    TinyModel m = TinyModel.threshold(TinyModel.SPEC);
    m.softmax = false;
    return m.write(file);
  }
}
