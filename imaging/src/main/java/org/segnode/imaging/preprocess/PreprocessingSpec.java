package org.segnode.imaging.preprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to preprocess an image exactly as a model was trained, written as one line so
 * it can travel in an ONNX model's {@code metadata_props}.
 *
 * <p>Grammar (version {@code v1}; fields separated by {@code ;}, no white space; all four keys
 * required, each once, in any order; {@link #toString} writes them in this order):
 *
 * <pre>
 * v1;intensity=I;spacing=S;size=Z;pad=P
 *   I = none | minmax8-histeq(volume) | minmax8-histeq(slice) | zscore(pLOW,pHIGH)
 *   S = native | DXxDY                  target column x row spacing in mm
 *   Z = native | divN-pad | divN-crop | fixedNXxNY
 *   P = plain decimal                   value of padded voxels, after normalisation
 * </pre>
 *
 * Decimals are plain ({@code 0}, {@code -1}, {@code 99.5}: no exponent, no leading {@code +});
 * counts are positive integers. Example: {@code
 * v1;intensity=zscore(p0.5,p99.5);spacing=1.25x1.25;size=div16-pad;pad=0}. See {@link
 * IntensityStep}, {@link SpacingStep} and {@link SizeStep} for what each step does; they run in
 * that order. Anything else, including an unknown key or version, is rejected with an {@link
 * IllegalArgumentException} that names the key and the expected form.
 */
public record PreprocessingSpec(
    IntensityStep intensity, SpacingStep spacing, SizeStep size, double padValue) {
  public static final String VERSION = "v1";
  private static final List<String> KEYS = List.of("intensity", "spacing", "size", "pad");

  public PreprocessingSpec {
    if (intensity == null || spacing == null || size == null) {
      throw new IllegalArgumentException(
          "expected intensity, spacing and size steps, found "
              + intensity
              + ", "
              + spacing
              + ", "
              + size);
    }
    if (!Double.isFinite(padValue)) {
      throw CompactSpec.invalid("pad", "a finite number", String.valueOf(padValue));
    }
    padValue += 0.0; // -0.0 is written as 0, so it must compare equal after a round trip
  }

  /** Parses the one-line form described in the class comment. */
  public static PreprocessingSpec parse(String text) {
    Map<String, String> v = CompactSpec.parse(text, VERSION, KEYS);
    return new PreprocessingSpec(
        IntensityStep.parse(v.get("intensity")),
        SpacingStep.parse(v.get("spacing")),
        SizeStep.parse(v.get("size")),
        CompactSpec.parseDecimal("pad", v.get("pad")));
  }

  /** The one-line form; {@code parse(toString())} equals this spec. */
  @Override
  public String toString() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("intensity", intensity.token());
    v.put("spacing", spacing.token());
    v.put("size", size.token());
    v.put("pad", CompactSpec.formatDecimal(padValue));
    return CompactSpec.format(VERSION, v);
  }
}
