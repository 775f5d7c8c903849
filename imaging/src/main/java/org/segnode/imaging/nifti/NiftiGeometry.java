package org.segnode.imaging.nifti;

import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.Vec3;

/**
 * Converts between NIfTI's RAS voxel-to-world transforms and SegNode's LPS {@link Grid}. This is
 * the only place in SegNode where RAS appears: LPS is RAS with x and y negated.
 */
public final class NiftiGeometry {
  /** Which header transform placed the volume, in NIfTI's order of preference. */
  public enum Source {
    SFORM,
    QFORM,
    PIXDIM
  }

  /** A quaternion transform as stored in the header: rotation (b, c, d) and handedness qfac. */
  record Qform(double b, double c, double d, double qfac) {}

  private NiftiGeometry() {}

  /** The transform NIfTI says to prefer: sform if its code is set, else qform, else pixdim. */
  public static Source preferredSource(NiftiHeader h) {
    if (h.sformCode() > 0) {
      return Source.SFORM;
    }
    return h.qformCode() > 0 ? Source.QFORM : Source.PIXDIM;
  }

  /** The grid given by one of the header's transforms, whatever its code says. */
  public static Grid toGrid(NiftiHeader h, Source source, String file) throws NiftiFormatException {
    double[][] ras =
        switch (source) {
          case SFORM -> sformAffine(h);
          case QFORM -> qformAffine(h);
          case PIXDIM -> pixdimAffine(h);
        };
    return fromRasAffine(ras, h.nx(), h.ny(), h.nz(), source, file);
  }

  static double[][] sformAffine(NiftiHeader h) {
    float[][] s = h.srow();
    double[][] a = new double[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        a[r][c] = s[r][c];
      }
    }
    return a;
  }

  static double[][] qformAffine(NiftiHeader h) {
    float[] q = h.quatern();
    float[] off = h.qoffset();
    float[] pix = h.pixdim();
    // NIfTI-1: pixdim[0] is qfac, and any value other than -1 means +1.
    double qfac = pix[0] == -1f ? -1 : 1;
    double[][] rot = rotation(q[0], q[1], q[2]);
    double[] spacing = {positiveOrOne(pix[1]), positiveOrOne(pix[2]), positiveOrOne(pix[3]) * qfac};
    double[][] a = new double[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        a[r][c] = rot[r][c] * spacing[c];
      }
      a[r][3] = off[r];
    }
    return a;
  }

  static double[][] pixdimAffine(NiftiHeader h) {
    float[] pix = h.pixdim();
    return new double[][] {
      {positiveOrOne(pix[1]), 0, 0, 0},
      {0, positiveOrOne(pix[2]), 0, 0},
      {0, 0, positiveOrOne(pix[3]), 0}
    };
  }

  // Like the NIfTI reference library: a missing (zero or negative) spacing counts as 1 mm.
  private static double positiveOrOne(float v) {
    return v > 0 && Float.isFinite(v) ? Math.abs(v) : 1.0;
  }

  /** The rotation matrix of unit quaternion (a, b, c, d), with a recovered from b, c and d. */
  static double[][] rotation(double b, double c, double d) {
    double aa = 1.0 - (b * b + c * c + d * d);
    double a;
    if (aa < 1e-7) {
      // Rounding in the stored floats: treat as a 180-degree turn and renormalise (b, c, d).
      double n = Math.sqrt(b * b + c * c + d * d);
      a = 0;
      b /= n;
      c /= n;
      d /= n;
    } else {
      a = Math.sqrt(aa);
    }
    return new double[][] {
      {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
      {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
      {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}
    };
  }

  private static Grid fromRasAffine(
      double[][] ras, int nx, int ny, int nz, Source source, String file)
      throws NiftiFormatException {
    double[][] axes = new double[3][3];
    double[] spacing = new double[3];
    for (int c = 0; c < 3; c++) {
      axes[c] = new double[] {-ras[0][c], -ras[1][c], ras[2][c]};
      spacing[c] = Vec3.norm(axes[c]);
      if (!(spacing[c] > 0) || !Double.isFinite(spacing[c])) {
        throw new NiftiFormatException(
            file,
            "a non-degenerate " + source + " (every axis column non-zero)",
            "column " + c + " = " + Vec3.format(axes[c]));
      }
    }
    double[] origin = {-ras[0][3], -ras[1][3], ras[2][3]};
    return new Grid(
        nx, ny, nz, origin, axes[0], axes[1], axes[2], spacing[0], spacing[1], spacing[2]);
  }

  /** The RAS voxel-to-world matrix (3 x 4) of a grid: the sform SegNode writes. */
  public static double[][] rasAffine(Grid g) {
    double[][] cols = {
      scale(g.rowDir(), g.dx()), scale(g.colDir(), g.dy()), scale(g.sliceDir(), g.dz())
    };
    double[] o = g.origin();
    double[][] a = new double[3][4];
    for (int r = 0; r < 3; r++) {
      double sign = r < 2 ? -1 : 1;
      for (int c = 0; c < 3; c++) {
        a[r][c] = sign * cols[c][r];
      }
      a[r][3] = sign * o[r];
    }
    return a;
  }

  private static double[] scale(double[] v, double s) {
    return new double[] {v[0] * s, v[1] * s, v[2] * s};
  }

  /**
   * The qform of a grid. A left-handed grid gets qfac -1 with its slice axis flipped so the
   * rotation is proper. Directions that are not quite orthogonal are orthogonalised first, since a
   * quaternion can only hold a rotation; the sform keeps the exact axes.
   */
  static Qform qform(Grid g) {
    double[] x = ras(g.rowDir());
    double[] y = Vec3.normalize(orthogonalPart(ras(g.colDir()), x));
    double[] z = ras(g.sliceDir());
    double qfac = Vec3.dot(Vec3.cross(x, y), z) < 0 ? -1 : 1;
    z = Vec3.cross(x, y); // proper rotation's third column; qfac restores the file's handedness
    double[][] r = {{x[0], y[0], z[0]}, {x[1], y[1], z[1]}, {x[2], y[2], z[2]}};
    double[] q = quaternion(r);
    return new Qform(q[1], q[2], q[3], qfac);
  }

  private static double[] ras(double[] lps) {
    return new double[] {-lps[0], -lps[1], lps[2]};
  }

  private static double[] orthogonalPart(double[] v, double[] unit) {
    double d = Vec3.dot(v, unit);
    return new double[] {v[0] - d * unit[0], v[1] - d * unit[1], v[2] - d * unit[2]};
  }

  /** Unit quaternion (a, b, c, d) with a >= 0 of a proper rotation matrix. */
  static double[] quaternion(double[][] r) {
    double trace = r[0][0] + r[1][1] + r[2][2];
    double a;
    double b;
    double c;
    double d;
    // Divide by the largest component to stay accurate near 180-degree turns.
    if (trace > 0) {
      a = 0.5 * Math.sqrt(1 + trace);
      b = (r[2][1] - r[1][2]) / (4 * a);
      c = (r[0][2] - r[2][0]) / (4 * a);
      d = (r[1][0] - r[0][1]) / (4 * a);
    } else if (r[0][0] >= r[1][1] && r[0][0] >= r[2][2]) {
      b = 0.5 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
      a = (r[2][1] - r[1][2]) / (4 * b);
      c = (r[0][1] + r[1][0]) / (4 * b);
      d = (r[0][2] + r[2][0]) / (4 * b);
    } else if (r[1][1] >= r[2][2]) {
      c = 0.5 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
      a = (r[0][2] - r[2][0]) / (4 * c);
      b = (r[0][1] + r[1][0]) / (4 * c);
      d = (r[1][2] + r[2][1]) / (4 * c);
    } else {
      d = 0.5 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
      a = (r[1][0] - r[0][1]) / (4 * d);
      b = (r[0][2] + r[2][0]) / (4 * d);
      c = (r[1][2] + r[2][1]) / (4 * d);
    }
    double sign = a < 0 ? -1 : 1; // q and -q are the same turn; NIfTI stores the one with a >= 0
    return new double[] {sign * a, sign * b, sign * c, sign * d};
  }
}
