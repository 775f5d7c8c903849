package org.segnode.inference;

import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.Vec3;

/**
 * Which slice feeds each input channel of a 2.5D model. Channel {@code c} of slice {@code k} holds
 * the slice {@code c - context} steps from k along the in-plane normal {@code rowDir x colDir},
 * clamped to the volume (the edge slice repeats). Stepping along the normal rather than along the
 * slice index makes the channel order independent of how a file stored its slices: the CHAOS NIfTI
 * volumes run against the normal, DICOM series read by SegNode run with it. A trainer feeding 2.5D
 * input must use the same rule.
 */
public final class SliceContext {
  private SliceContext() {}

  /** +1 when the slice index grows along {@code rowDir x colDir}, -1 when against it. */
  public static int direction(Grid grid) {
    double[] normal = Vec3.cross(grid.rowDir(), grid.colDir());
    return Vec3.dot(normal, grid.sliceDir()) < 0 ? -1 : 1;
  }

  /** The slice feeding channel {@code channel} of slice {@code k}. */
  public static int sourceSlice(Grid grid, int context, int k, int channel) {
    int k2 = k + (channel - context) * direction(grid);
    return Math.max(0, Math.min(grid.nz() - 1, k2));
  }
}
