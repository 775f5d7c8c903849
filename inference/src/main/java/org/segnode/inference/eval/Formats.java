package org.segnode.inference.eval;

import java.nio.file.Path;
import java.util.Locale;

/** Numbers as the commands print them: fixed decimals, {@code inf} and {@code nan} spelled out. */
public final class Formats {
  private Formats() {}

  public static String fixed(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  public static boolean isNifti(Path path) {
    return org.segnode.imaging.nifti.NiftiReader.isNiftiName(path);
  }

  public static boolean isDcm(Path path) {
    return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dcm");
  }
}
