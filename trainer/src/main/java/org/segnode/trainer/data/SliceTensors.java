package org.segnode.trainer.data;

import org.segnode.inference.SliceContext;

/**
 * Turns slices of a prepared case into network input and one-hot targets, NCHW. With 2.5D context
 * c, the 1 + 2c channels hold the neighbouring slices in the order the inference side feeds them
 * ({@link SliceContext}: along the in-plane normal, edge slices repeated), so a network trained on
 * a left-handed NIfTI volume sees its neighbours as it will on a DICOM series.
 */
public final class SliceTensors {
  private SliceTensors() {}

  /** Writes the 1 + 2*context input channels of slice k into {@code out} at {@code offset}. */
  public static void input(PreparedCase c, int k, int context, float[] out, int offset) {
    int size = c.grid().sliceSize();
    for (int ch = 0; ch <= 2 * context; ch++) {
      int src = SliceContext.sourceSlice(c.grid(), context, k, ch);
      System.arraycopy(c.image(), src * size, out, offset + ch * size, size);
    }
  }

  /** Writes the one-hot target of slice k (classes channels) into {@code out} at {@code offset}. */
  public static void oneHot(PreparedCase c, int k, int classes, float[] out, int offset) {
    int size = c.grid().sliceSize();
    for (int p = 0; p < size; p++) {
      int label = c.labels()[k * size + p] & 0xff;
      out[offset + label * size + p] = 1f;
    }
  }
}
