package org.segnode.imaging.postprocess;

import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Turns network outputs into labels.
 *
 * <p>Layout of multi-channel maps: per slice, channel-major, {@code p[((k * channels + c) * ny + j)
 * * nx + i]} (see {@link #index}): a 2D network's NCHW output with the slices as N, which is also
 * what {@code Preprocessed.toSource(float[], int)} reads and writes. Channel c is label c; channel
 * 0 is background.
 */
public final class ProbabilityMaps {
  private ProbabilityMaps() {}

  /** Position of channel {@code c} of voxel (i, j, k) in a map with {@code channels} channels. */
  public static int index(Grid grid, int channels, int c, int i, int j, int k) {
    return ((k * channels + c) * grid.ny() + j) * grid.nx() + i;
  }

  /** Per voxel, the channel with the highest value (the lowest channel on a tie), as a label. */
  public static LabelVolume argmax(Grid grid, float[] maps, int channels) {
    if (channels < 1 || channels > 256 || maps.length != (long) grid.voxelCount() * channels) {
      throw new IllegalArgumentException(
          "expected 1..256 channels of "
              + grid.voxelCount()
              + " voxels, found "
              + channels
              + " channels and "
              + maps.length
              + " values");
    }
    int size = grid.sliceSize();
    byte[] labels = new byte[grid.voxelCount()];
    for (int k = 0; k < grid.nz(); k++) {
      int base = k * channels * size;
      for (int s = 0; s < size; s++) {
        int best = 0;
        for (int c = 1; c < channels; c++) {
          best = maps[base + c * size + s] > maps[base + best * size + s] ? c : best;
        }
        labels[k * size + s] = (byte) best;
      }
    }
    return new LabelVolume(grid, labels);
  }

  /** {@code label} where a single-channel map is at or above {@code threshold}, else 0. */
  public static LabelVolume threshold(Grid grid, float[] map, float threshold, int label) {
    if (map.length != grid.voxelCount() || label < 1 || label > 255) {
      throw new IllegalArgumentException(
          "expected "
              + grid.voxelCount()
              + " values and a label in 1..255, found "
              + map.length
              + " values and label "
              + label);
    }
    byte[] labels = new byte[map.length];
    for (int n = 0; n < map.length; n++) {
      labels[n] = map[n] >= threshold ? (byte) label : 0;
    }
    return new LabelVolume(grid, labels);
  }
}
