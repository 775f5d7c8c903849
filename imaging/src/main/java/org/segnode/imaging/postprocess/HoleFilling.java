package org.segnode.imaging.postprocess;

import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Fills holes in each label. A hole of label L is background (0) that cannot reach the border
 * through voxels other than L, moving between face neighbours (4-connectivity in a slice,
 * 6-connectivity in the volume): diagonal gaps in L therefore count as closed. Only background is
 * filled, so other labels are never overwritten, though they may take part in enclosing a hole of
 * L. Labels are processed in ascending order.
 */
public final class HoleFilling {
  private HoleFilling() {}

  /** Fills, slice by slice, background not connected to the slice border (its four edges). */
  public static LabelVolume fill2d(LabelVolume volume) {
    Grid g = volume.grid();
    byte[] out = volume.labels().clone();
    int size = g.sliceSize();
    for (int k = 0; k < g.nz(); k++) {
      byte[] slice = new byte[size];
      System.arraycopy(out, k * size, slice, 0, size);
      fill(slice, g.nx(), g.ny(), 1, false, volume.presentLabels());
      System.arraycopy(slice, 0, out, k * size, size);
    }
    return new LabelVolume(g, out);
  }

  /** Fills background not connected to the volume border (its six faces). */
  public static LabelVolume fill3d(LabelVolume volume) {
    Grid g = volume.grid();
    byte[] out = volume.labels().clone();
    fill(out, g.nx(), g.ny(), g.nz(), true, volume.presentLabels());
    return new LabelVolume(g, out);
  }

  /** Fills the holes of each of {@code labels} in place in {@code v}. */
  private static void fill(byte[] v, int nx, int ny, int nz, boolean kFaces, int[] labels) {
    Neighbours neighbours = new Neighbours(nx, ny, nz);
    for (int label : labels) {
      boolean[] outside = reachFromBorder(v, neighbours, kFaces, label);
      for (int n = 0; n < v.length; n++) {
        if (v[n] == 0 && !outside[n]) {
          v[n] = (byte) label;
        }
      }
    }
  }

  /** Voxels reachable from the border without entering {@code label}. */
  private static boolean[] reachFromBorder(
      byte[] v, Neighbours neighbours, boolean kFaces, int label) {
    boolean[] reached = new boolean[v.length];
    IntQueue queue = new IntQueue();
    for (int n = 0; n < v.length; n++) {
      if ((v[n] & 0xff) != label && neighbours.onBorder(n, kFaces)) {
        reached[n] = true;
        queue.add(n);
      }
    }
    int[] adjacent = new int[6];
    while (!queue.isEmpty()) {
      int n = queue.poll();
      for (int a = neighbours.of(n, adjacent) - 1; a >= 0; a--) {
        int m = adjacent[a];
        if (!reached[m] && (v[m] & 0xff) != label) {
          reached[m] = true;
          queue.add(m);
        }
      }
    }
    return reached;
  }
}
