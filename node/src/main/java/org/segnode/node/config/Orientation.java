package org.segnode.node.config;

import java.util.Locale;

/**
 * The plane a series' slices lie in, as routing rules name it ({@code rule.<name>.orientation}).
 */
public enum Orientation {
  AXIAL,
  CORONAL,
  SAGITTAL,
  /** Any plane, oblique or unknown included. */
  ANY;

  /** The setting's spelling: lower case. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The plane whose normal is nearest the slice normal (row x column direction of Image Orientation
   * (Patient)): a slightly oblique axial series is axial. {@link #ANY} when the six values do not
   * give a normal (missing, zero or parallel vectors).
   */
  public static Orientation ofImageOrientation(double[] iop) {
    if (iop == null || iop.length != 6) {
      return ANY;
    }
    double x = iop[1] * iop[5] - iop[2] * iop[4];
    double y = iop[2] * iop[3] - iop[0] * iop[5];
    double z = iop[0] * iop[4] - iop[1] * iop[3];
    double ax = Math.abs(x);
    double ay = Math.abs(y);
    double az = Math.abs(z);
    if (ax + ay + az < 1e-6) {
      return ANY;
    }
    if (az >= ax && az >= ay) {
      return AXIAL;
    }
    return ay >= ax ? CORONAL : SAGITTAL;
  }
}
