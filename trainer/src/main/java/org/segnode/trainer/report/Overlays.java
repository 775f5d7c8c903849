package org.segnode.trainer.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.trainer.data.PreparedCase;

/**
 * A validation slice as PNG: the image in grey, the reference outline in green, the prediction's
 * outline in red (where both agree the outlines overlap in yellow), label 1 only.
 */
public final class Overlays {
  private Overlays() {}

  /** Draws the slice with the most reference voxels of label 1. */
  public static void write(PreparedCase c, LabelVolume prediction, Path out) throws IOException {
    int nx = c.grid().nx();
    int ny = c.grid().ny();
    int k = busiestSlice(c);
    float[] range = range(c.image(), k * nx * ny, nx * ny);
    BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        int v = k * nx * ny + y * nx + x;
        int grey = (int) (255 * (c.image()[v] - range[0]) / Math.max(1e-6f, range[1] - range[0]));
        grey = Math.max(0, Math.min(255, grey));
        boolean ref = edge(c.labels(), nx, ny, k, x, y);
        boolean pred = edge(prediction.labels(), nx, ny, k, x, y);
        int r = pred ? 255 : grey;
        int gr = ref ? 255 : (pred ? 0 : grey);
        int b = ref || pred ? 0 : grey;
        img.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    ImageIO.write(img, "png", out.toFile());
  }

  private static int busiestSlice(PreparedCase c) {
    int size = c.grid().sliceSize();
    int best = c.slices() / 2;
    int most = -1;
    for (int k = 0; k < c.slices(); k++) {
      int n = 0;
      for (int p = 0; p < size; p++) {
        n += c.labels()[k * size + p] == 1 ? 1 : 0;
      }
      if (n > most) {
        most = n;
        best = k;
      }
    }
    return best;
  }

  /** A label-1 pixel with a 4-neighbour outside label 1. */
  private static boolean edge(byte[] labels, int nx, int ny, int k, int x, int y) {
    int base = k * nx * ny;
    if (labels[base + y * nx + x] != 1) {
      return false;
    }
    return x == 0
        || y == 0
        || x == nx - 1
        || y == ny - 1
        || labels[base + y * nx + x - 1] != 1
        || labels[base + y * nx + x + 1] != 1
        || labels[base + (y - 1) * nx + x] != 1
        || labels[base + (y + 1) * nx + x] != 1;
  }

  private static float[] range(float[] v, int from, int count) {
    float lo = Float.MAX_VALUE;
    float hi = -Float.MAX_VALUE;
    for (int i = from; i < from + count; i++) {
      lo = Math.min(lo, v[i]);
      hi = Math.max(hi, v[i]);
    }
    return new float[] {lo, hi};
  }
}
