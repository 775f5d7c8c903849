package org.segnode.imaging.preprocess;

/**
 * The in-plane resampling of a {@link PreprocessingSpec}. Tokens: {@code native} (no resampling) or
 * {@code DXxDY}, the target column and row spacing in mm, e.g. {@code 1.25x1.25}. Slices are never
 * resampled.
 */
public sealed interface SpacingStep {
  /** The accepted forms, quoted in parse errors. */
  String EXPECTED = "native or DXxDY in mm such as 1.25x1.25";

  String token();

  /** The step written as {@code token}; throws naming the key {@code spacing} otherwise. */
  static SpacingStep parse(String token) {
    if ("native".equals(token)) {
      return new Native();
    }
    String[] parts = token == null ? new String[0] : token.split("x", -1);
    if (parts.length != 2) {
      throw CompactSpec.invalid("spacing", EXPECTED, token);
    }
    return new Resample(
        CompactSpec.parseDecimal("spacing", parts[0]),
        CompactSpec.parseDecimal("spacing", parts[1]));
  }

  /** Keeps the source in-plane grid. */
  record Native() implements SpacingStep {
    @Override
    public String token() {
      return "native";
    }
  }

  /** Resamples in-plane to column spacing {@code dx} and row spacing {@code dy} (mm). */
  record Resample(double dx, double dy) implements SpacingStep {
    public Resample {
      if (!(dx > 0 && dy > 0 && Double.isFinite(dx) && Double.isFinite(dy))) {
        throw CompactSpec.invalid("spacing", "positive spacings in mm", dx + "x" + dy);
      }
    }

    @Override
    public String token() {
      return CompactSpec.formatDecimal(dx) + "x" + CompactSpec.formatDecimal(dy);
    }
  }
}
