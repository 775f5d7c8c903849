package org.segnode.imaging.dicom;

/**
 * Reduces decoded colour samples to one luminance value per pixel, Rec. 601 luma {@code 0.299 R +
 * 0.587 G + 0.114 B} rounded to the nearest integer. Segmentation models here take one channel, and
 * luma is the grey a radiologist would see on a monochrome display.
 *
 * <p>YBR_FULL's Y is defined by that same formula (PS3.3 C.7.6.3.1.2), so for YBR data Y is taken
 * as is and the chroma samples are dropped.
 */
final class ColourToGrey {
  static final double RED = 0.299;
  static final double GREEN = 0.587;
  static final double BLUE = 0.114;

  private ColourToGrey() {}

  /** {@code samples} holds {@link PixelModule#storedSampleCount()} values, all frames. */
  static int[] luminance(int[] samples, PixelModule m) {
    int size = m.frameSize();
    int[] out = new int[m.sampleCount()];
    for (int f = 0; f < m.frames(); f++) {
      int base = f * size * m.colour().samples;
      for (int n = 0; n < size; n++) {
        out[f * size + n] = pixel(samples, base, n, m);
      }
    }
    return out;
  }

  private static int pixel(int[] s, int base, int n, PixelModule m) {
    int size = m.frameSize();
    return switch (m.colour()) {
      case GREY -> s[base + n];
      case YBR_FULL -> s[component(base, n, 0, size, m.planar())];
      case YBR_FULL_422 -> s[base + 4 * (n / 2) + n % 2];
      case RGB ->
          (int)
              Math.round(
                  RED * s[component(base, n, 0, size, m.planar())]
                      + GREEN * s[component(base, n, 1, size, m.planar())]
                      + BLUE * s[component(base, n, 2, size, m.planar())]);
    };
  }

  /** Index of component {@code c} of pixel {@code n}, colour-by-plane or colour-by-pixel. */
  private static int component(int base, int n, int c, int size, boolean planar) {
    return planar ? base + c * size + n : base + 3 * n + c;
  }
}
