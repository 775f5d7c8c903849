package org.segnode.imaging.volume;

/**
 * Integer labels (0 = background, 1..255) on a {@link Grid}. Stored as unsigned bytes; read them
 * with {@link #get} or {@code labels[n] & 0xff}.
 */
public record LabelVolume(Grid grid, byte[] labels) {
  public LabelVolume {
    if (labels.length != grid.voxelCount()) {
      throw new IllegalArgumentException(
          "expected " + grid.voxelCount() + " labels for " + grid + ", found " + labels.length);
    }
  }

  public static LabelVolume empty(Grid grid) {
    return new LabelVolume(grid, new byte[grid.voxelCount()]);
  }

  public int get(int i, int j, int k) {
    return labels[grid.index(i, j, k)] & 0xff;
  }

  public void set(int i, int j, int k, int label) {
    labels[grid.index(i, j, k)] = (byte) label;
  }

  /** Number of voxels carrying {@code label}. */
  public long count(int label) {
    long n = 0;
    for (byte b : labels) {
      if ((b & 0xff) == label) {
        n++;
      }
    }
    return n;
  }

  public double volumeMl(int label) {
    return count(label) * grid.voxelVolumeMl();
  }

  /** The distinct non-zero labels present, ascending. */
  public int[] presentLabels() {
    boolean[] seen = new boolean[256];
    for (byte b : labels) {
      seen[b & 0xff] = true;
    }
    return java.util.stream.IntStream.range(1, 256).filter(l -> seen[l]).toArray();
  }
}
