package org.segnode.imaging.dicom;

/**
 * How float voxels become 16-bit stored values: {@code value = stored * slope + intercept}.
 *
 * <p>Integer-valued volumes that fit 16 bits are stored exactly (slope 1, intercept 0), unsigned
 * when all values are non-negative, else signed. Anything else (fractions, or a range beyond 16
 * bits) is stored unsigned with the range [min, max] spread over 0..65535, so each value is kept to
 * within half a step, (max - min) / 131070: about 15 significant bits of the volume's range.
 */
record PixelEncoding(boolean signed, double slope, double intercept) {
  static final int UNSIGNED_MAX = 65535;

  static PixelEncoding choose(float[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean integers = true;
    for (float v : values) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("expected finite voxel values, found " + v);
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      integers &= v == Math.rint(v);
    }
    if (integers && min >= 0 && max <= UNSIGNED_MAX) {
      return new PixelEncoding(false, 1, 0);
    }
    if (integers && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
      return new PixelEncoding(true, 1, 0);
    }
    // Slope and intercept travel as 16-character Decimal Strings: encode with the rounded ones.
    double slope = DecimalStrings.rounded(max > min ? (max - min) / UNSIGNED_MAX : 1);
    return new PixelEncoding(false, slope, DecimalStrings.rounded(min));
  }

  short encode(float value) {
    long stored = Math.round((value - intercept) / slope);
    long lo = signed ? Short.MIN_VALUE : 0;
    long hi = signed ? Short.MAX_VALUE : UNSIGNED_MAX;
    return (short) Math.max(lo, Math.min(hi, stored));
  }
}
