package org.segnode.inference;

import java.util.Random;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/** Synthetic volumes and the labels the tiny threshold models must give for them. */
final class Volumes {
  private Volumes() {}

  /** A bright ellipsoid on a noisy background, reproducible from {@code seed}. */
  static ImageVolume blob(Grid grid, long seed) {
    Random random = new Random(seed);
    float[] v = new float[grid.voxelCount()];
    for (int k = 0; k < grid.nz(); k++) {
      for (int j = 0; j < grid.ny(); j++) {
        for (int i = 0; i < grid.nx(); i++) {
          double x = (i - grid.nx() * 0.45) / (grid.nx() * 0.3);
          double y = (j - grid.ny() * 0.55) / (grid.ny() * 0.25);
          double z = (k - grid.nz() * 0.5) / (grid.nz() * 0.6 + 1);
          double inside = x * x + y * y + z * z < 1 ? 400 : 100;
          v[grid.index(i, j, k)] = (float) (inside + 60 * random.nextGaussian());
        }
      }
    }
    return new ImageVolume(grid, v);
  }

  /**
   * Label 1 where the normalised intensity of slice {@code k + step} (clamped to the volume) is
   * above 0: the threshold model's answer for slice k when it reads the neighbour {@code step}
   * slice indices away.
   */
  static LabelVolume expected(ImageVolume image, PreprocessingSpec spec, int step) {
    Grid g = image.grid();
    float[] normalised = spec.intensity().apply(image);
    byte[] labels = new byte[g.voxelCount()];
    int plane = g.sliceSize();
    for (int k = 0; k < g.nz(); k++) {
      int from = Math.max(0, Math.min(g.nz() - 1, k + step));
      for (int s = 0; s < plane; s++) {
        labels[k * plane + s] = normalised[from * plane + s] > 0 ? (byte) 1 : 0;
      }
    }
    return new LabelVolume(g, labels);
  }
}
