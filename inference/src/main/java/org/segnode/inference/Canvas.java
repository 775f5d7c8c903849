package org.segnode.inference;

import java.util.Arrays;
import org.segnode.imaging.volume.Grid;

/**
 * The slice size fed to the model and where the model grid's slice sits in it. The spec's size step
 * normally yields a multiple of the model's divisor already; when it does not (a spec with {@code
 * size=native}, or a model with a fixed input size), the slice is padded here, centred like the
 * spec's own padding (an odd extra column or row at the end), and the output cropped back.
 *
 * @param nx columns of the model grid
 * @param ny rows of the model grid
 * @param width columns fed to the model
 * @param height rows fed to the model
 * @param offsetX column of the canvas holding model-grid column 0
 * @param offsetY row of the canvas holding model-grid row 0
 */
record Canvas(int nx, int ny, int width, int height, int offsetX, int offsetY) {

  /**
   * The canvas for {@code modelGrid}: the model's fixed height and width where its input has them,
   * otherwise each axis rounded up to a multiple of {@code divisor}.
   */
  static Canvas of(Grid modelGrid, int divisor, long[] inputShape) {
    int width = size(modelGrid.nx(), divisor, inputShape[3], "width");
    int height = size(modelGrid.ny(), divisor, inputShape[2], "height");
    return new Canvas(
        modelGrid.nx(),
        modelGrid.ny(),
        width,
        height,
        (width - modelGrid.nx()) / 2,
        (height - modelGrid.ny()) / 2);
  }

  private static int size(int n, int divisor, long fixed, String axis) {
    if (fixed < 0) {
      return (n + divisor - 1) / divisor * divisor;
    }
    if (fixed < n) {
      throw new IllegalArgumentException(
          "expected a preprocessed "
              + axis
              + " of at most "
              + fixed
              + " (the model's fixed input "
              + axis
              + "), found "
              + n
              + "; the spec's size step should crop to it");
    }
    return (int) fixed;
  }

  boolean padded() {
    return width != nx || height != ny;
  }

  int planeSize() {
    return width * height;
  }

  /** Copies model-grid plane {@code src[from..]} into canvas plane {@code dst[to..]}, padding. */
  void place(float[] src, int from, float[] dst, int to, float pad) {
    if (padded()) {
      Arrays.fill(dst, to, to + planeSize(), pad);
    }
    for (int j = 0; j < ny; j++) {
      System.arraycopy(src, from + j * nx, dst, to + (j + offsetY) * width + offsetX, nx);
    }
  }

  /** Copies the model-grid part of canvas plane {@code src[from..]} to plane {@code dst[to..]}. */
  void crop(float[] src, int from, float[] dst, int to) {
    for (int j = 0; j < ny; j++) {
      System.arraycopy(src, from + (j + offsetY) * width + offsetX, dst, to + j * nx, nx);
    }
  }
}
