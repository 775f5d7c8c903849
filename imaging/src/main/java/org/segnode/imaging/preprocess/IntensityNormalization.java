package org.segnode.imaging.preprocess;

import java.util.Arrays;

/**
 * The intensity steps as pure functions on voxel arrays. None modifies its input. Arrays are
 * processed either whole or in consecutive blocks (one block per slice), which is how the
 * per-volume and per-slice variants share one implementation.
 */
public final class IntensityNormalization {
  /** Number of grey levels of the 8-bit stage. */
  public static final int LEVELS = 256;

  private IntensityNormalization() {}

  /**
   * Min-max scaling to integer levels 0..255 ({@code round((v - min) * 255 / (max - min))}); a
   * constant input maps to level 0.
   */
  public static int[] levels8(float[] v, int from, int to) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int n = from; n < to; n++) {
      min = Math.min(min, v[n]);
      max = Math.max(max, v[n]);
    }
    int[] levels = new int[to - from];
    double range = (double) max - min;
    if (range > 0) {
      for (int n = from; n < to; n++) {
        levels[n - from] = (int) Math.round((v[n] - (double) min) * (LEVELS - 1) / range);
      }
    }
    return levels;
  }

  /**
   * Histogram equalisation of levels 0..255, in the classic 8-bit form: level {@code l} becomes
   * {@code round((cdf(l) - cdf(lmin)) * 255 / (count - cdf(lmin))) / 255}, where {@code lmin} is
   * the lowest level present. The output therefore lies on the 256 levels {@code n / 255} in [0,
   * 1], is monotonic in the input, and the lowest level present maps to 0 and the highest to 1 (all
   * zero when only one level is present).
   */
  public static float[] equalize(int[] levels) {
    long[] cdf = new long[LEVELS];
    for (int l : levels) {
      if (l < 0 || l >= LEVELS) {
        throw new IllegalArgumentException("expected levels in 0..255, found " + l);
      }
      cdf[l]++;
    }
    long cdfMin = 0;
    for (int l = 0; l < LEVELS; l++) {
      cdf[l] += l > 0 ? cdf[l - 1] : 0;
      cdfMin = cdfMin == 0 ? cdf[l] : cdfMin;
    }
    float[] lut = new float[LEVELS];
    long span = levels.length - cdfMin;
    for (int l = 0; span > 0 && l < LEVELS; l++) {
      lut[l] = Math.round(Math.max(0, cdf[l] - cdfMin) * (LEVELS - 1.0) / span) / (LEVELS - 1f);
    }
    float[] out = new float[levels.length];
    for (int n = 0; n < levels.length; n++) {
      out[n] = lut[levels[n]];
    }
    return out;
  }

  /**
   * {@link #levels8} then {@link #equalize} on each block of {@code blockSize} voxels ({@code
   * v.length} for the whole volume, the slice size for per-slice processing).
   */
  public static float[] minMaxHistEq(float[] v, int blockSize) {
    if (blockSize <= 0 || v.length % blockSize != 0) {
      throw new IllegalArgumentException(
          "expected a block size dividing " + v.length + ", found " + blockSize);
    }
    float[] out = new float[v.length];
    for (int from = 0; from < v.length; from += blockSize) {
      float[] block = equalize(levels8(v, from, from + blockSize));
      System.arraycopy(block, 0, out, from, blockSize);
    }
    return out;
  }

  /**
   * Clips to the {@code lowPercentile} and {@code highPercentile} of {@code v} (see {@link
   * #percentile}), then subtracts the mean and divides by the (population) standard deviation of
   * the clipped values. A constant clipped volume becomes all zeros.
   */
  public static float[] zScore(float[] v, double lowPercentile, double highPercentile) {
    float[] sorted = v.clone();
    Arrays.sort(sorted);
    double lo = percentile(sorted, lowPercentile);
    double hi = percentile(sorted, highPercentile);
    double sum = 0;
    for (float x : v) {
      sum += Math.min(hi, Math.max(lo, x));
    }
    double mean = sum / v.length;
    double squares = 0; // a second pass: sum(x^2) - n*mean^2 cancels badly for MR values
    for (float x : v) {
      double d = Math.min(hi, Math.max(lo, x)) - mean;
      squares += d * d;
    }
    double std = Math.sqrt(squares / v.length);
    float[] out = new float[v.length];
    for (int n = 0; std > 0 && n < v.length; n++) {
      out[n] = (float) ((Math.min(hi, Math.max(lo, v[n])) - mean) / std);
    }
    return out;
  }

  /**
   * The {@code p}-th percentile (0..100) of ascending {@code sorted}, interpolating linearly
   * between the two nearest order statistics at rank {@code p / 100 * (n - 1)} (NumPy's default).
   */
  public static double percentile(float[] sorted, double p) {
    if (sorted.length == 0 || !(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException(
          "expected a non-empty array and 0 <= p <= 100, found "
              + sorted.length
              + " values, p "
              + p);
    }
    double rank = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (rank - lo) * ((double) sorted[hi] - sorted[lo]);
  }
}
