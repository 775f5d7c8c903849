package org.segnode.imaging.render;

import java.util.Arrays;
import org.segnode.imaging.preprocess.IntensityNormalization;

/**
 * A greyscale window: {@code low} and below show black, {@code high} and above white, linear in
 * between. Taken from percentiles of the image rather than its minimum and maximum, so that a few
 * very bright voxels (vessels, fat, artefacts) do not leave the organs a flat dark grey.
 */
public record Window(double low, double high) {
  /** Percentiles a viewer-like default window is taken from. */
  public static final double LOW_PERCENTILE = 0.5;

  public static final double HIGH_PERCENTILE = 99.5;

  /** Percentiles are taken from at most this many voxels, picked at a fixed stride. */
  static final int MAX_SAMPLES = 1 << 20;

  public Window {
    if (!(low <= high)) {
      throw new IllegalArgumentException("expected low <= high, found " + low + " > " + high);
    }
  }

  /** The {@link #LOW_PERCENTILE} to {@link #HIGH_PERCENTILE} window of {@code voxels}. */
  public static Window robust(float[] voxels) {
    return percentiles(voxels, LOW_PERCENTILE, HIGH_PERCENTILE);
  }

  /**
   * The window between two percentiles (0..100) of {@code voxels}. Large volumes are sampled at a
   * fixed stride (deterministic, and within a grey level of the exact percentiles for images).
   */
  public static Window percentiles(float[] voxels, double lowPercentile, double highPercentile) {
    int stride = Math.max(1, (voxels.length + MAX_SAMPLES - 1) / MAX_SAMPLES);
    float[] sample = new float[(voxels.length + stride - 1) / stride];
    for (int n = 0; n < sample.length; n++) {
      sample[n] = voxels[n * stride];
    }
    Arrays.sort(sample);
    return new Window(
        IntensityNormalization.percentile(sample, lowPercentile),
        IntensityNormalization.percentile(sample, highPercentile));
  }

  /** Grey level 0..255 of {@code value}; a zero-width window is a threshold. */
  public int grey(float value) {
    if (value <= low) {
      return 0;
    }
    if (value >= high) {
      return 255;
    }
    return (int) Math.round((value - low) * 255 / (high - low));
  }
}
