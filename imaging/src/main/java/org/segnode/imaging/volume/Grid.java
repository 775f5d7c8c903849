package org.segnode.imaging.volume;

import java.util.Arrays;

/**
 * A regular voxel grid placed in DICOM patient coordinates (LPS, millimetres).
 *
 * <p>Voxel (i, j, k) is column i, row j, slice k; its centre lies at {@code origin + i * dx *
 * rowDir + j * dy * colDir + k * dz * sliceDir}. {@code rowDir} is DICOM's first Image Orientation
 * triplet (the direction in which the column index grows along a row), {@code colDir} the second,
 * and {@code sliceDir} is the direction in which slices are stacked, which for a DICOM series read
 * by SegNode is always {@code rowDir x colDir}. {@code dx} is the spacing between columns (DICOM
 * Pixel Spacing's second value), {@code dy} between rows (its first value). Voxel arrays are stored
 * with i fastest, then j, then k. Every module uses this convention; only the NIfTI reader and
 * writer convert to RAS.
 */
public record Grid(
    int nx,
    int ny,
    int nz,
    double[] origin,
    double[] rowDir,
    double[] colDir,
    double[] sliceDir,
    double dx,
    double dy,
    double dz) {

  public Grid {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException(
          "grid size must be positive (expected > 0): " + nx + " x " + ny + " x " + nz);
    }
    if (!(dx > 0 && dy > 0 && dz > 0)) {
      throw new IllegalArgumentException(
          "spacing must be positive (expected > 0): " + dx + ", " + dy + ", " + dz);
    }
    origin = origin.clone();
    rowDir = Vec3.normalize(rowDir);
    colDir = Vec3.normalize(colDir);
    sliceDir = Vec3.normalize(sliceDir);
  }

  /**
   * An axis-aligned grid at the origin with the given spacing, mostly for tests and synthetic data.
   */
  public static Grid axial(int nx, int ny, int nz, double dx, double dy, double dz) {
    return new Grid(
        nx,
        ny,
        nz,
        new double[3],
        new double[] {1, 0, 0},
        new double[] {0, 1, 0},
        new double[] {0, 0, 1},
        dx,
        dy,
        dz);
  }

  public int voxelCount() {
    return nx * ny * nz;
  }

  public int sliceSize() {
    return nx * ny;
  }

  public int index(int i, int j, int k) {
    return i + nx * (j + ny * k);
  }

  public double voxelVolumeMl() {
    return dx * dy * dz / 1000.0;
  }

  /** Patient position (LPS, mm) of the centre of voxel (i, j, k); indices may be fractional. */
  public double[] toPatient(double i, double j, double k) {
    double[] p = new double[3];
    for (int a = 0; a < 3; a++) {
      p[a] = origin[a] + i * dx * rowDir[a] + j * dy * colDir[a] + k * dz * sliceDir[a];
    }
    return p;
  }

  /**
   * Continuous voxel indices (i, j, k) of a patient position. Exact when the three directions are
   * orthogonal, which {@link #checkOrthonormal} guarantees for grids read from DICOM or NIfTI.
   */
  public double[] toIndex(double[] patient) {
    double[] d = Vec3.sub(patient, origin);
    return new double[] {
      Vec3.dot(d, rowDir) / dx, Vec3.dot(d, colDir) / dy, Vec3.dot(d, sliceDir) / dz
    };
  }

  /** Position of the first voxel of slice k: DICOM's Image Position (Patient) for that slice. */
  public double[] slicePosition(int k) {
    return toPatient(0, 0, k);
  }

  /** The same placement with another number of slices, starting at slice {@code firstSlice}. */
  public Grid withSlices(int firstSlice, int count) {
    return new Grid(nx, ny, count, slicePosition(firstSlice), rowDir, colDir, sliceDir, dx, dy, dz);
  }

  /** Whether the three directions are orthonormal within {@code tolerance}. */
  public boolean checkOrthonormal(double tolerance) {
    return Math.abs(Vec3.dot(rowDir, colDir)) < tolerance
        && Math.abs(Vec3.dot(rowDir, sliceDir)) < tolerance
        && Math.abs(Vec3.dot(colDir, sliceDir)) < tolerance;
  }

  /** Same size and same placement within {@code toleranceMm} at every corner of the grid. */
  public boolean sameAs(Grid other, double toleranceMm) {
    if (nx != other.nx || ny != other.ny || nz != other.nz) {
      return false;
    }
    for (int corner = 0; corner < 8; corner++) {
      double i = (corner & 1) == 0 ? 0 : nx - 1;
      double j = (corner & 2) == 0 ? 0 : ny - 1;
      double k = (corner & 4) == 0 ? 0 : nz - 1;
      if (Vec3.distance(toPatient(i, j, k), other.toPatient(i, j, k)) > toleranceMm) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Grid g && sameAs(g, 0.0) && dx == g.dx && dy == g.dy && dz == g.dz;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {nx, ny, nz});
  }

  @Override
  public String toString() {
    return String.format(
        "%d x %d x %d voxels of %.4g x %.4g x %.4g mm at %s, row %s, col %s, slice %s",
        nx,
        ny,
        nz,
        dx,
        dy,
        dz,
        Vec3.format(origin),
        Vec3.format(rowDir),
        Vec3.format(colDir),
        Vec3.format(sliceDir));
  }
}
