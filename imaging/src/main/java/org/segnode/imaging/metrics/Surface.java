package org.segnode.imaging.metrics;

import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/** Surface voxels of a label: those with a face neighbour off the label or outside the grid. */
final class Surface {
  private Surface() {}

  /** The surface of {@code label} within {@code box}, indexed as the box. */
  static boolean[] of(LabelVolume volume, int label, Box box) {
    boolean[] surface = new boolean[box.size()];
    for (int k = box.k0(); k < box.k1(); k++) {
      for (int j = box.j0(); j < box.j1(); j++) {
        for (int i = box.i0(); i < box.i1(); i++) {
          surface[box.index(i, j, k)] =
              volume.get(i, j, k) == label && onSurface(volume, label, i, j, k);
        }
      }
    }
    return surface;
  }

  private static boolean onSurface(LabelVolume v, int label, int i, int j, int k) {
    Grid g = v.grid();
    return off(v, label, i - 1, j, k, g)
        || off(v, label, i + 1, j, k, g)
        || off(v, label, i, j - 1, k, g)
        || off(v, label, i, j + 1, k, g)
        || off(v, label, i, j, k - 1, g)
        || off(v, label, i, j, k + 1, g);
  }

  private static boolean off(LabelVolume v, int label, int i, int j, int k, Grid g) {
    boolean inside = i >= 0 && i < g.nx() && j >= 0 && j < g.ny() && k >= 0 && k < g.nz();
    return !inside || v.get(i, j, k) != label;
  }
}
