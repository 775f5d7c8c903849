package org.segnode.imaging.preprocess;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.segnode.imaging.volume.ImageVolume;

/**
 * The intensity normalisation of a {@link PreprocessingSpec}. Tokens: {@code none}, {@code
 * minmax8-histeq(volume)}, {@code minmax8-histeq(slice)} and {@code zscore(pLOW,pHIGH)} with
 * percentiles in 0..100, e.g. {@code zscore(p0.5,p99.5)}.
 */
public sealed interface IntensityStep {
  /** The accepted forms, quoted in parse errors. */
  String EXPECTED =
      "none, minmax8-histeq(volume), minmax8-histeq(slice) or zscore(pLOW,pHIGH) such as"
          + " zscore(p0.5,p99.5)";

  /** The normalised voxels of {@code image}, same layout; the image is not modified. */
  float[] apply(ImageVolume image);

  /** The token written into the spec string. */
  String token();

  /** The step written as {@code token}; throws naming the key {@code intensity} otherwise. */
  static IntensityStep parse(String token) {
    if (token == null) {
      throw CompactSpec.invalid("intensity", EXPECTED, null);
    }
    if ("none".equals(token)) {
      return new None();
    }
    if ("minmax8-histeq(volume)".equals(token) || "minmax8-histeq(slice)".equals(token)) {
      return new MinMaxHistEq(token.contains("slice"));
    }
    Matcher m = Pattern.compile("zscore\\(p([^,()]*),p([^,()]*)\\)").matcher(token);
    if (m.matches()) {
      return new ZScore(
          CompactSpec.parseDecimal("intensity", m.group(1)),
          CompactSpec.parseDecimal("intensity", m.group(2)));
    }
    throw CompactSpec.invalid("intensity", EXPECTED, token);
  }

  /** Leaves intensities as they are. */
  record None() implements IntensityStep {
    @Override
    public float[] apply(ImageVolume image) {
      return image.voxels().clone();
    }

    @Override
    public String token() {
      return "none";
    }
  }

  /**
   * Min-max scaling to 8-bit levels then histogram equalisation (the lab's first prototype), over
   * the whole volume or each slice on its own; output in [0, 1].
   */
  record MinMaxHistEq(boolean perSlice) implements IntensityStep {
    @Override
    public float[] apply(ImageVolume image) {
      int block = perSlice ? image.grid().sliceSize() : image.grid().voxelCount();
      return IntensityNormalization.minMaxHistEq(image.voxels(), block);
    }

    @Override
    public String token() {
      return perSlice ? "minmax8-histeq(slice)" : "minmax8-histeq(volume)";
    }
  }

  /** Clipping to two volume percentiles, then z-score with the clipped volume's mean and std. */
  record ZScore(double lowPercentile, double highPercentile) implements IntensityStep {
    public ZScore {
      if (!(0 <= lowPercentile && lowPercentile < highPercentile && highPercentile <= 100)) {
        throw CompactSpec.invalid(
            "intensity",
            "zscore percentiles with 0 <= low < high <= 100",
            "low " + lowPercentile + ", high " + highPercentile);
      }
      lowPercentile += 0.0; // turns -0.0 into 0.0 so that equals survives a round trip
    }

    @Override
    public float[] apply(ImageVolume image) {
      return IntensityNormalization.zScore(image.voxels(), lowPercentile, highPercentile);
    }

    @Override
    public String token() {
      return "zscore(p"
          + CompactSpec.formatDecimal(lowPercentile)
          + ",p"
          + CompactSpec.formatDecimal(highPercentile)
          + ")";
    }
  }
}
