package org.segnode.imaging.metrics;

import java.util.Arrays;

/**
 * Exact Euclidean distance transform with anisotropic spacing, by Felzenszwalb and Huttenlocher's
 * separable algorithm: a 1D squared transform (lower envelope of parabolas) along i, then j, then
 * k. Linear in the number of voxels, so a 512 x 512 x 100 volume takes about a second.
 */
public final class DistanceTransform {
  private DistanceTransform() {}

  /**
   * For each voxel of an {@code nx} by {@code ny} by {@code nz} array (i fastest), the squared
   * distance in mm^2 to the nearest voxel where {@code features} is true, measuring between voxel
   * centres with spacings {@code dx}, {@code dy}, {@code dz}. Infinite everywhere when there is no
   * feature.
   */
  public static double[] squared(
      boolean[] features, int nx, int ny, int nz, double dx, double dy, double dz) {
    if (features.length != nx * ny * nz) {
      throw new IllegalArgumentException(
          "expected "
              + nx * ny * nz
              + " voxels ("
              + nx
              + " x "
              + ny
              + " x "
              + nz
              + "), found "
              + features.length);
    }
    double[] d = new double[features.length];
    for (int n = 0; n < d.length; n++) {
      d[n] = features[n] ? 0 : Double.POSITIVE_INFINITY;
    }
    Lines lines = new Lines(Math.max(nx, Math.max(ny, nz)));
    lines.run(d, nx, 1, ny * nz, nx, 1, dx * dx);
    lines.run(d, ny, nx, nz, nx * ny, nx, dy * dy);
    lines.run(d, nz, nx * ny, 1, 0, nx * ny, dz * dz);
    return d;
  }

  /** Work buffers for the 1D transforms along every line of one axis. */
  private static final class Lines {
    private final double[] f;
    private final double[] out;
    private final int[] v;
    private final double[] z;

    Lines(int maxLength) {
      f = new double[maxLength];
      out = new double[maxLength];
      v = new int[maxLength];
      z = new double[maxLength + 1];
    }

    /**
     * Transforms in place every line of {@code length} voxels {@code step} apart that starts at
     * {@code outer * outerStep + inner}, {@code outer < outerCount}, {@code inner < innerCount}:
     * one description covers the lines along each of the three axes.
     */
    void run(
        double[] d,
        int length,
        int step,
        int outerCount,
        int outerStep,
        int innerCount,
        double w2) {
      for (int outer = 0; outer < outerCount; outer++) {
        for (int inner = 0; inner < innerCount; inner++) {
          int start = outer * outerStep + inner;
          for (int q = 0; q < length; q++) {
            f[q] = d[start + q * step];
          }
          transform(length, w2);
          for (int q = 0; q < length; q++) {
            d[start + q * step] = out[q];
          }
        }
      }
    }

    /** out[q] = min over p of f[p] + w2 (q - p)^2, skipping infinite f. */
    private void transform(int n, double w2) {
      int k = -1;
      for (int q = 0; q < n; q++) {
        if (f[q] == Double.POSITIVE_INFINITY) {
          continue;
        }
        double s = 0;
        while (k >= 0) {
          int p = v[k];
          s = ((f[q] + w2 * q * q) - (f[p] + w2 * p * p)) / (2 * w2 * (q - p));
          if (s > z[k]) {
            break;
          }
          k--;
        }
        k++;
        v[k] = q;
        z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
        z[k + 1] = Double.POSITIVE_INFINITY;
      }
      if (k < 0) {
        Arrays.fill(out, 0, n, Double.POSITIVE_INFINITY);
        return;
      }
      for (int q = 0, e = 0; q < n; q++) {
        while (z[e + 1] < q) {
          e++;
        }
        double t = q - v[e];
        out[q] = w2 * t * t + f[v[e]];
      }
    }
  }
}
