package org.segnode.trainer.data;

import java.util.Random;

/**
 * Training-time augmentation of one slice: a small rotation (up to +-10 degrees) and scaling
 * (0.9-1.1) about the slice centre, bilinear for the image channels and nearest for the labels,
 * then an intensity gain (0.9-1.1) and offset (+-0.1, in normalised units). No flips: left and
 * right matter in the abdomen. Elastic deformation is left out: on 2 CPU cores it would cost more
 * than the training step it serves.
 */
public final class Augmenter {
  private final Random random;

  public Augmenter(long seed) {
    this.random = new Random(seed);
  }

  /** Augments in place: {@code channels} images and one label slice of nx x ny pixels. */
  public void apply(float[] image, int channels, byte[] labels, int nx, int ny, float pad) {
    double angle = Math.toRadians((random.nextDouble() * 2 - 1) * 10);
    double scale = 0.9 + random.nextDouble() * 0.2;
    float gain = 0.9f + random.nextFloat() * 0.2f;
    float offset = (random.nextFloat() * 2 - 1) * 0.1f;
    int size = nx * ny;
    float[] plane = new float[size];
    for (int c = 0; c < channels; c++) {
      System.arraycopy(image, c * size, plane, 0, size);
      warpBilinear(plane, image, c * size, nx, ny, angle, scale, pad);
      for (int p = c * size; p < (c + 1) * size; p++) {
        image[p] = image[p] * gain + offset;
      }
    }
    warpNearest(labels.clone(), labels, nx, ny, angle, scale);
  }

  /** Source coordinates of output pixel (x, y): rotate and scale about the centre, inverted. */
  private static double[] source(int x, int y, int nx, int ny, double angle, double scale) {
    double cx = (nx - 1) / 2.0;
    double cy = (ny - 1) / 2.0;
    double dx = (x - cx) / scale;
    double dy = (y - cy) / scale;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    return new double[] {cx + cos * dx + sin * dy, cy - sin * dx + cos * dy};
  }

  private static void warpBilinear(
      float[] in, float[] out, int offset, int nx, int ny, double angle, double scale, float pad) {
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        double[] s = source(x, y, nx, ny, angle, scale);
        out[offset + y * nx + x] = bilinear(in, nx, ny, s[0], s[1], pad);
      }
    }
  }

  private static float bilinear(float[] in, int nx, int ny, double sx, double sy, float pad) {
    int x0 = (int) Math.floor(sx);
    int y0 = (int) Math.floor(sy);
    double fx = sx - x0;
    double fy = sy - y0;
    double v = 0;
    for (int dy = 0; dy <= 1; dy++) {
      for (int dx = 0; dx <= 1; dx++) {
        int x = x0 + dx;
        int y = y0 + dy;
        double w = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
        v += w * (x < 0 || y < 0 || x >= nx || y >= ny ? pad : in[y * nx + x]);
      }
    }
    return (float) v;
  }

  private static void warpNearest(
      byte[] in, byte[] out, int nx, int ny, double angle, double scale) {
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        double[] s = source(x, y, nx, ny, angle, scale);
        int sx = (int) Math.round(s[0]);
        int sy = (int) Math.round(s[1]);
        boolean inside = sx >= 0 && sy >= 0 && sx < nx && sy < ny;
        out[y * nx + x] = inside ? in[sy * nx + sx] : 0;
      }
    }
  }
}
