package org.segnode.imaging.volume;

import java.util.Locale;

/** Small helpers for 3-vectors stored as {@code double[3]}. */
public final class Vec3 {
  private Vec3() {}

  public static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  public static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  public static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  public static double distance(double[] a, double[] b) {
    return norm(sub(a, b));
  }

  public static double[] normalize(double[] a) {
    if (a == null || a.length != 3) {
      throw new IllegalArgumentException(
          "expected a 3-vector, found " + (a == null ? "null" : a.length + " values"));
    }
    double n = norm(a);
    if (!(n > 0)) {
      throw new IllegalArgumentException("expected a non-zero direction, found " + format(a));
    }
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }

  public static String format(double[] a) {
    return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", a[0], a[1], a[2]);
  }
}
