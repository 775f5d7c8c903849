package org.segnode.imaging.volume;

/**
 * Intensities on a {@link Grid}, after Rescale Slope/Intercept (or NIfTI scaling) has been applied.
 * Stored as float: 16-bit MR and CT values are exact in a float's 24-bit mantissa.
 */
public record ImageVolume(Grid grid, float[] voxels) {
  public ImageVolume {
    if (voxels.length != grid.voxelCount()) {
      throw new IllegalArgumentException(
          "expected " + grid.voxelCount() + " voxels for " + grid + ", found " + voxels.length);
    }
  }

  public float get(int i, int j, int k) {
    return voxels[grid.index(i, j, k)];
  }
}
