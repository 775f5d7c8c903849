package org.segnode.inference;

import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;

/** {@link Volumes} for tests in other packages. */
public final class VolumesAccess {
  private VolumesAccess() {}

  public static ImageVolume blob(Grid grid, long seed) {
    return Volumes.blob(grid, seed);
  }
}
