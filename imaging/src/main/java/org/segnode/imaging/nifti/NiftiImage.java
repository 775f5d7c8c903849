package org.segnode.imaging.nifti;

import org.segnode.imaging.volume.Grid;

/**
 * A NIfTI-1 volume as read: its grid (LPS), its values after scl_slope/scl_inter, the header it
 * came with and which header transform placed it.
 */
public record NiftiImage(
    Grid grid, double[] values, NiftiHeader header, NiftiGeometry.Source geometrySource) {
  public NiftiImage {
    if (values.length != grid.voxelCount()) {
      throw new IllegalArgumentException(
          "expected " + grid.voxelCount() + " values for " + grid + ", found " + values.length);
    }
  }

  /** The data type stored in the file (before scaling). */
  public NiftiDataType datatype() {
    return header.datatype();
  }
}
