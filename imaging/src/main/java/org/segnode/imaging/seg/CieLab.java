package org.segnode.imaging.seg;

/**
 * sRGB to the scaled CIELab triplet of DICOM's Recommended Display CIELab Value (PS3.3 C.10.7.1.1):
 * L* 0..100 and a*, b* -128..127 mapped onto 0..65535, D65 white point.
 */
final class CieLab {
  private CieLab() {}

  static int[] fromRgb(int[] rgb) {
    double[] lin = new double[3];
    for (int c = 0; c < 3; c++) {
      double v = rgb[c] / 255.0;
      lin[c] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    double x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047;
    double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    double z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883;
    double fx = f(x);
    double fy = f(y);
    double fz = f(z);
    double l = 116 * fy - 16;
    double a = 500 * (fx - fy);
    double b = 200 * (fy - fz);
    return new int[] {scale(l / 100.0), scale((a + 128) / 255.0), scale((b + 128) / 255.0)};
  }

  private static double f(double t) {
    return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }

  private static int scale(double unit) {
    return (int) Math.round(Math.max(0, Math.min(1, unit)) * 65535);
  }
}
