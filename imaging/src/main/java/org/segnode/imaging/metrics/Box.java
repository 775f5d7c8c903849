package org.segnode.imaging.metrics;

import org.segnode.imaging.volume.LabelVolume;

/** A voxel box, {@code [i0, i1) x [j0, j1) x [k0, k1)}. */
record Box(int i0, int j0, int k0, int i1, int j1, int k1) {

  int nx() {
    return i1 - i0;
  }

  int ny() {
    return j1 - j0;
  }

  int nz() {
    return k1 - k0;
  }

  int size() {
    return nx() * ny() * nz();
  }

  /** Index within the box of global voxel (i, j, k). */
  int index(int i, int j, int k) {
    return (i - i0) + nx() * ((j - j0) + ny() * (k - k0));
  }

  /** The smallest box holding every voxel of {@code label} in both volumes; null if none. */
  static Box bounding(LabelVolume a, LabelVolume b, int label) {
    int nx = a.grid().nx();
    int ny = a.grid().ny();
    int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    int[] hi = {-1, -1, -1};
    byte[] la = a.labels();
    byte[] lb = b.labels();
    for (int n = 0; n < la.length; n++) {
      if ((la[n] & 0xff) == label || (lb[n] & 0xff) == label) {
        int[] ijk = {n % nx, (n / nx) % ny, n / (nx * ny)};
        for (int axis = 0; axis < 3; axis++) {
          lo[axis] = Math.min(lo[axis], ijk[axis]);
          hi[axis] = Math.max(hi[axis], ijk[axis]);
        }
      }
    }
    return hi[0] < 0 ? null : new Box(lo[0], lo[1], lo[2], hi[0] + 1, hi[1] + 1, hi[2] + 1);
  }
}
