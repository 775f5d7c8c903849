package org.segnode.imaging.postprocess;

import java.util.Arrays;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * 3D connected components of each label with 6-connectivity (voxels sharing a face; edge or corner
 * contact does not connect). Labels are never mixed: each label's components are found and filtered
 * on their own, and removed voxels become background (0).
 */
public final class ConnectedComponents {
  private ConnectedComponents() {}

  /** Component ids of one label: {@code ids[v]} is 0 off the label, else 1..count. */
  record Components(int[] ids, int[] sizes, int count) {}

  /** Labels the 6-connected components of {@code label} in scan order (i fastest). */
  static Components find(LabelVolume volume, int label) {
    Grid g = volume.grid();
    byte[] labels = volume.labels();
    Neighbours neighbours = new Neighbours(g.nx(), g.ny(), g.nz());
    int[] ids = new int[labels.length];
    int[] sizes = new int[16];
    int count = 0;
    IntQueue queue = new IntQueue();
    int[] adjacent = new int[6];
    for (int seed = 0; seed < labels.length; seed++) {
      if ((labels[seed] & 0xff) != label || ids[seed] != 0) {
        continue;
      }
      count++;
      sizes = count < sizes.length ? sizes : Arrays.copyOf(sizes, sizes.length * 2);
      ids[seed] = count;
      queue.clear();
      queue.add(seed);
      while (!queue.isEmpty()) {
        int v = queue.poll();
        sizes[count]++;
        for (int n = neighbours.of(v, adjacent) - 1; n >= 0; n--) {
          int a = adjacent[n];
          if (ids[a] == 0 && (labels[a] & 0xff) == label) {
            ids[a] = count;
            queue.add(a);
          }
        }
      }
    }
    return new Components(ids, sizes, count);
  }

  /** Number of 6-connected components of {@code label}. */
  public static int count(LabelVolume volume, int label) {
    return find(volume, label).count();
  }

  /** Keeps only the largest component of each label present (the first in scan order on a tie). */
  public static LabelVolume keepLargest(LabelVolume volume) {
    byte[] out = volume.labels().clone();
    for (int label : volume.presentLabels()) {
      Components c = find(volume, label);
      int largest = 1;
      for (int id = 2; id <= c.count(); id++) {
        largest = c.sizes()[id] > c.sizes()[largest] ? id : largest;
      }
      boolean[] removed = new boolean[c.count() + 1];
      Arrays.fill(removed, 1, removed.length, true);
      removed[largest] = false;
      erase(out, c.ids(), removed);
    }
    return new LabelVolume(volume.grid(), out);
  }

  /**
   * Removes every component whose volume ({@code voxels * grid.voxelVolumeMl()}) is below {@code
   * minMl}; {@code minMl <= 0} removes nothing.
   */
  public static LabelVolume removeSmallerThan(LabelVolume volume, double minMl) {
    byte[] out = volume.labels().clone();
    double voxelMl = volume.grid().voxelVolumeMl();
    for (int label : volume.presentLabels()) {
      Components c = find(volume, label);
      boolean[] removed = new boolean[c.count() + 1];
      for (int id = 1; id <= c.count(); id++) {
        removed[id] = c.sizes()[id] * voxelMl < minMl;
      }
      erase(out, c.ids(), removed);
    }
    return new LabelVolume(volume.grid(), out);
  }

  /** Zeroes the voxels whose component is marked removed (component 0, off the label, never is). */
  private static void erase(byte[] out, int[] ids, boolean[] removed) {
    for (int v = 0; v < ids.length; v++) {
      if (removed[ids[v]]) {
        out[v] = 0;
      }
    }
  }
}
