package org.segnode.imaging.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats numbers as DICOM Decimal Strings, which allow at most 16 characters. */
final class DecimalStrings {
  private static final int MAX_LENGTH = 16;

  private DecimalStrings() {}

  static String format(double value) {
    if (value == 0) {
      return "0";
    }
    for (int digits = 15; digits > 0; digits--) {
      String s =
          BigDecimal.valueOf(value).round(new MathContext(digits)).stripTrailingZeros().toString();
      if (s.length() <= MAX_LENGTH) {
        return s;
      }
    }
    throw new IllegalArgumentException("cannot format " + value + " in 16 characters");
  }

  /** The value a reader will see after {@link #format}: encode with this, not the exact value. */
  static double rounded(double value) {
    return Double.parseDouble(format(value));
  }
}
