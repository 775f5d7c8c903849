package org.segnode.imaging.postprocess;

import org.segnode.imaging.volume.LabelVolume;

/** Builders of test shapes. */
final class Shapes {
  private Shapes() {}

  /** Sets {@code label} on the box [i0, i1) x [j0, j1) x [k0, k1) of {@code v}. */
  static void box(LabelVolume v, int label, int i0, int j0, int k0, int i1, int j1, int k1) {
    for (int k = k0; k < k1; k++) {
      for (int j = j0; j < j1; j++) {
        for (int i = i0; i < i1; i++) {
          v.set(i, j, k, label);
        }
      }
    }
  }

  /** Sets {@code label} where the voxel index lies within [r0, r1] of ({@code c}, c, c). */
  static void shell(LabelVolume v, int label, double c, double r0, double r1) {
    for (int k = 0; k < v.grid().nz(); k++) {
      for (int j = 0; j < v.grid().ny(); j++) {
        for (int i = 0; i < v.grid().nx(); i++) {
          double r = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
          if (r >= r0 && r <= r1) {
            v.set(i, j, k, label);
          }
        }
      }
    }
  }
}
