package org.segnode.imaging.postprocess;

/**
 * The face neighbours of a voxel index in an {@code nx} by {@code ny} by {@code nz} array (i
 * fastest): 6-connectivity in 3D, 4-connectivity within a slice when {@code nz == 1}.
 */
final class Neighbours {
  private final int nx;
  private final int ny;
  private final int nz;
  private final int slice;

  Neighbours(int nx, int ny, int nz) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.slice = nx * ny;
  }

  /**
   * Writes the in-bounds face neighbours of {@code index} into {@code out}; returns their count.
   */
  int of(int index, int[] out) {
    int i = index % nx;
    int j = (index / nx) % ny;
    int k = index / slice;
    int n = 0;
    if (i > 0) {
      out[n++] = index - 1;
    }
    if (i < nx - 1) {
      out[n++] = index + 1;
    }
    if (j > 0) {
      out[n++] = index - nx;
    }
    if (j < ny - 1) {
      out[n++] = index + nx;
    }
    if (k > 0) {
      out[n++] = index - slice;
    }
    if (k < nz - 1) {
      out[n++] = index + slice;
    }
    return n;
  }

  /** Whether {@code index} lies on an i or j face, or also on a k face when {@code withK}. */
  boolean onBorder(int index, boolean withK) {
    int i = index % nx;
    int j = (index / nx) % ny;
    int k = index / slice;
    return i == 0 || i == nx - 1 || j == 0 || j == ny - 1 || (withK && (k == 0 || k == nz - 1));
  }
}
