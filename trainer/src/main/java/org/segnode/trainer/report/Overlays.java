package org.segnode.trainer.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.segnode.imaging.render.SliceRaster;
import org.segnode.imaging.render.Window;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.trainer.data.PreparedCase;

/**
 * A validation slice as PNG: the image in grey (the case's robust window), the reference outline in
 * green, the prediction's outline in red (where both agree the outlines overlap in yellow), label 1
 * only. Drawn with the same rasters as the node's overview ({@link SliceRaster}).
 */
public final class Overlays {
  private static final int GREEN = 0x00ff00;
  private static final int RED = 0xff0000;

  private Overlays() {}

  /** Draws the slice with the most reference voxels of label 1. */
  public static void write(PreparedCase c, LabelVolume prediction, Path out) throws IOException {
    int nx = c.grid().nx();
    int ny = c.grid().ny();
    int k = busiestSlice(c);
    ImageVolume image = new ImageVolume(c.grid(), c.image());
    BufferedImage img = SliceRaster.grey(image, k, Window.robust(c.image()), nx, ny);
    byte[] ref = SliceRaster.outlines(SliceRaster.labels(c.labelVolume(), k, nx, ny), nx, ny);
    byte[] pred = SliceRaster.outlines(SliceRaster.labels(prediction, k, nx, ny), nx, ny);
    for (int p = 0; p < ref.length; p++) {
      int colour = (ref[p] == 1 ? GREEN : 0) | (pred[p] == 1 ? RED : 0);
      if (colour != 0) {
        img.setRGB(p % nx, p / nx, colour);
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
}
