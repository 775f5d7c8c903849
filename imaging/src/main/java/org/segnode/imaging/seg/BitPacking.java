package org.segnode.imaging.seg;

import java.util.stream.IntStream;
import org.segnode.imaging.volume.LabelVolume;

/**
 * BINARY SEG pixels: one bit per pixel, least significant bit first, packed continuously across
 * frame boundaries (PS3.5 8.1.1), padded with zero bits to an even number of bytes.
 */
final class BitPacking {
  private BitPacking() {}

  /** One frame per (segment, slice), segment-major, each frame the slice's pixels row by row. */
  static byte[] pack(LabelVolume labels, IntStream segmentNumbers) {
    int[] segments = segmentNumbers.toArray();
    int sliceSize = labels.grid().sliceSize();
    long bits = (long) segments.length * labels.grid().voxelCount();
    long bytes = (bits + 7) / 8;
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("SEG pixel data too large: " + bytes + " bytes");
    }
    byte[] out = new byte[(int) (bytes + (bytes & 1))];
    byte[] src = labels.labels();
    long bit = 0;
    for (int segment : segments) {
      for (int v = 0; v < src.length; v++, bit++) {
        if ((src[v] & 0xff) == segment) {
          out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    assert bit == (long) segments.length * sliceSize * labels.grid().nz();
    return out;
  }

  /** The bit of pixel {@code pixel} in frame {@code frame} of packed data. */
  static boolean get(byte[] packed, int frame, int frameSize, int pixel) {
    long bit = (long) frame * frameSize + pixel;
    return (packed[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
  }
}
