package org.segnode.imaging.labels;

import java.util.Locale;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Brings a label volume onto another grid by nearest neighbour in patient space: each target voxel
 * centre takes the label of the source voxel that contains it, or 0 outside the source.
 */
public final class LabelResampler {
  /** Grids closer than this at every corner are the same grid: labels are copied as they are. */
  static final double IDENTITY_TOLERANCE_MM = 1e-3;

  private LabelResampler() {}

  /**
   * The labels on {@code target}. Refuses (IllegalArgumentException) when the two grids do not
   * overlap, or when the labels are non-empty but none of them lands on the target.
   */
  public static LabelVolume toGrid(LabelVolume labels, Grid target) {
    Grid source = labels.grid();
    if (source.sameAs(target, IDENTITY_TOLERANCE_MM)) {
      return new LabelVolume(target, labels.labels().clone());
    }
    Box sourceBox = Box.of(source);
    Box targetBox = Box.of(target);
    if (!sourceBox.overlaps(targetBox)) {
      throw new IllegalArgumentException(
          "expected the label grid to overlap the target grid, found label extent "
              + sourceBox
              + " and target extent "
              + targetBox);
    }
    LabelVolume out = resample(labels, target);
    if (!isEmpty(labels.labels()) && isEmpty(out.labels())) {
      throw new IllegalArgumentException(
          "expected some labelled voxels to land on the target grid, found none (label extent "
              + sourceBox
              + ", target extent "
              + targetBox
              + ")");
    }
    return out;
  }

  private static LabelVolume resample(LabelVolume labels, Grid target) {
    Grid src = labels.grid();
    byte[] in = labels.labels();
    byte[] out = new byte[target.voxelCount()];
    // Source index is an affine function of target index: origin plus one step per target axis.
    double[] base = src.toIndex(target.toPatient(0, 0, 0));
    double[] di = step(src, target, 1, 0, 0, base);
    double[] dj = step(src, target, 0, 1, 0, base);
    double[] dk = step(src, target, 0, 0, 1, base);
    int n = 0;
    for (int k = 0; k < target.nz(); k++) {
      for (int j = 0; j < target.ny(); j++) {
        for (int i = 0; i < target.nx(); i++, n++) {
          int si = nearest(base[0] + i * di[0] + j * dj[0] + k * dk[0], src.nx());
          int sj = nearest(base[1] + i * di[1] + j * dj[1] + k * dk[1], src.ny());
          int sk = nearest(base[2] + i * di[2] + j * dj[2] + k * dk[2], src.nz());
          if (si >= 0 && sj >= 0 && sk >= 0) {
            out[n] = in[src.index(si, sj, sk)];
          }
        }
      }
    }
    return new LabelVolume(target, out);
  }

  private static double[] step(Grid src, Grid target, int i, int j, int k, double[] base) {
    double[] p = src.toIndex(target.toPatient(i, j, k));
    return new double[] {p[0] - base[0], p[1] - base[1], p[2] - base[2]};
  }

  /** The nearest index in 0..n-1 of a continuous index, or -1 outside the voxels' extent. */
  private static int nearest(double x, int n) {
    double r = Math.floor(x + 0.5);
    return r >= 0 && r < n ? (int) r : -1;
  }

  private static boolean isEmpty(byte[] labels) {
    for (byte b : labels) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Axis-aligned patient-space box around the outer faces of a grid's voxels. */
  record Box(double[] min, double[] max) {
    static Box of(Grid g) {
      double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (int corner = 0; corner < 8; corner++) {
        double i = (corner & 1) == 0 ? -0.5 : g.nx() - 0.5;
        double j = (corner & 2) == 0 ? -0.5 : g.ny() - 0.5;
        double k = (corner & 4) == 0 ? -0.5 : g.nz() - 0.5;
        double[] p = g.toPatient(i, j, k);
        for (int a = 0; a < 3; a++) {
          min[a] = Math.min(min[a], p[a]);
          max[a] = Math.max(max[a], p[a]);
        }
      }
      return new Box(min, max);
    }

    boolean overlaps(Box o) {
      for (int a = 0; a < 3; a++) {
        if (max[a] <= o.min[a] || o.max[a] <= min[a]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "x %.1f..%.1f, y %.1f..%.1f, z %.1f..%.1f mm (LPS)",
          min[0],
          max[0],
          min[1],
          max[1],
          min[2],
          max[2]);
    }
  }
}
