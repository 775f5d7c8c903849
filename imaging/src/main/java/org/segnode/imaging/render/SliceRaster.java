package org.segnode.imaging.render;

import java.awt.image.BufferedImage;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/**
 * One slice of a volume as a raster of {@code width x height} pixels, sampled by nearest neighbour.
 * Orientation: raster column u runs along the grid's i (DICOM columns, the row direction) and
 * raster row v along j (DICOM rows), so pixel (0, 0) is the first stored pixel, as a DICOM viewer
 * shows the slice. Nothing is flipped to a standard anatomical view: a DICOM axial series shows as
 * radiologists expect (patient's right on the left, anterior up) because that is how scanners store
 * it; a NIfTI volume shows as its voxels are stored.
 */
public final class SliceRaster {
  private SliceRaster() {}

  /** Slice {@code k} in grey, {@code window} applied, as an RGB image. */
  public static BufferedImage grey(ImageVolume image, int k, Window window, int width, int height) {
    Grid g = image.grid();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int v = 0; v < height; v++) {
      int j = source(v, height, g.ny());
      for (int u = 0; u < width; u++) {
        int grey = window.grey(image.get(source(u, width, g.nx()), j, k));
        out.setRGB(u, v, grey << 16 | grey << 8 | grey);
      }
    }
    return out;
  }

  /** The labels of slice {@code k}, row by row ({@code u + width * v}). */
  public static byte[] labels(LabelVolume labels, int k, int width, int height) {
    Grid g = labels.grid();
    byte[] out = new byte[width * height];
    for (int v = 0; v < height; v++) {
      int j = source(v, height, g.ny());
      for (int u = 0; u < width; u++) {
        out[u + width * v] = (byte) labels.get(source(u, width, g.nx()), j, k);
      }
    }
    return out;
  }

  /**
   * Outlines of the labels of a raster: a labelled pixel is on its label's outline when a
   * 4-neighbour carries another label or it touches the raster's border. Returns that label there,
   * 0 elsewhere.
   */
  public static byte[] outlines(byte[] labels, int width, int height) {
    byte[] out = new byte[labels.length];
    for (int v = 0; v < height; v++) {
      for (int u = 0; u < width; u++) {
        int p = u + width * v;
        byte l = labels[p];
        boolean edge =
            u == 0
                || v == 0
                || u == width - 1
                || v == height - 1
                || labels[p - 1] != l
                || labels[p + 1] != l
                || labels[p - width] != l
                || labels[p + width] != l;
        out[p] = l != 0 && edge ? l : 0;
      }
    }
    return out;
  }

  /** The source index of raster position {@code n} of {@code size} over {@code count} voxels. */
  private static int source(int n, int size, int count) {
    return Math.min(count - 1, (int) ((n + 0.5) * count / size));
  }
}
