package org.segnode.imaging.preprocess;

/**
 * In-plane resampling and windowing of stacks of planes (slices, or slices times channels), i
 * fastest. Pure functions: inputs are never modified.
 */
final class InPlaneResampling {
  private InPlaneResampling() {}

  /** Bilinear resampling of each of the {@code planes} planes of {@code nx} by {@code ny}. */
  static float[] bilinear(float[] src, int nx, int ny, int planes, AxisMap mx, AxisMap my) {
    int tx = mx.size();
    int ty = my.size();
    float[] out = new float[tx * ty * planes];
    for (int p = 0; p < planes; p++) {
      for (int j = 0; j < ty; j++) {
        int rowLo = (p * ny + my.lower()[j]) * nx;
        int rowHi = (p * ny + my.upper()[j]) * nx;
        float wy = my.weight()[j];
        int o = (p * ty + j) * tx;
        for (int i = 0; i < tx; i++) {
          int lo = mx.lower()[i];
          int hi = mx.upper()[i];
          float wx = mx.weight()[i];
          float top = lerp(src[rowLo + lo], src[rowLo + hi], wx);
          out[o + i] = lerp(top, lerp(src[rowHi + lo], src[rowHi + hi], wx), wy);
        }
      }
    }
    return out;
  }

  /**
   * Nearest-neighbour resampling of each of the {@code planes} planes of {@code nx} by {@code ny}.
   */
  static byte[] nearest(byte[] src, int nx, int ny, int planes, AxisMap mx, AxisMap my) {
    int tx = mx.size();
    int ty = my.size();
    byte[] out = new byte[tx * ty * planes];
    for (int p = 0; p < planes; p++) {
      for (int j = 0; j < ty; j++) {
        int row = (p * ny + my.nearest()[j]) * nx;
        int o = (p * ty + j) * tx;
        for (int i = 0; i < tx; i++) {
          out[o + i] = src[row + mx.nearest()[i]];
        }
      }
    }
    return out;
  }

  /**
   * A {@code mx} by {@code my} window of each plane whose voxel (i, j) is source voxel (i + offX, j
   * + offY): a centred crop for positive offsets, a pad for negative ones. Voxels outside the
   * source take {@code fills[plane % fills.length]}, so a channel-interleaved stack can be padded
   * with a different value per channel.
   */
  static float[] window(
      float[] src, int nx, int ny, int planes, int mx, int my, int offX, int offY, float[] fills) {
    float[] out = new float[mx * my * planes];
    for (int p = 0; p < planes; p++) {
      float fill = fills[p % fills.length];
      for (int j = 0; j < my; j++) {
        int sj = j + offY;
        for (int i = 0; i < mx; i++) {
          int si = i + offX;
          boolean inside = si >= 0 && si < nx && sj >= 0 && sj < ny;
          out[(p * my + j) * mx + i] = inside ? src[(p * ny + sj) * nx + si] : fill;
        }
      }
    }
    return out;
  }

  /** As {@link #window(float[], int, int, int, int, int, int, int, float[])}, filling with 0. */
  static byte[] window(byte[] src, int nx, int ny, int planes, int mx, int my, int offX, int offY) {
    byte[] out = new byte[mx * my * planes];
    for (int p = 0; p < planes; p++) {
      for (int j = 0; j < my; j++) {
        int sj = j + offY;
        if (sj < 0 || sj >= ny) {
          continue;
        }
        for (int i = 0; i < mx; i++) {
          int si = i + offX;
          if (si >= 0 && si < nx) {
            out[(p * my + j) * mx + i] = src[(p * ny + sj) * nx + si];
          }
        }
      }
    }
    return out;
  }

  // Exact at weight 0, so a resampling that lands on voxel centres copies values bit for bit.
  private static float lerp(float a, float b, float w) {
    return w == 0f ? a : a + w * (b - a);
  }
}
