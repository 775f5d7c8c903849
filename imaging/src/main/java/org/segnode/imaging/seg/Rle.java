package org.segnode.imaging.seg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * DICOM RLE Lossless (PS3.5 annex G) for 8-bit single-sample frames, the only kind a SEG holds.
 * PixelMed's own RLE path does not decode 1-bit SEG frames, hence this small decoder.
 */
final class Rle {
  private Rle() {}

  static byte[] decode(byte[] frame, Path file) throws SegReadException {
    if (frame.length < 64) {
      throw new SegReadException(
          file + ": RLE frame expected a 64-byte header, found " + frame.length + " bytes");
    }
    ByteBuffer header = ByteBuffer.wrap(frame, 0, 64).order(ByteOrder.LITTLE_ENDIAN);
    int segments = header.getInt();
    if (segments != 1) {
      throw new SegReadException(
          file + ": RLE frame expected 1 segment (8-bit, one sample), found " + segments);
    }
    int start = header.getInt();
    return packBits(frame, start, frame.length);
  }

  private static byte[] packBits(byte[] in, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    int p = from;
    while (p < to) {
      int n = in[p++];
      if (n >= 0) {
        int len = Math.min(n + 1, to - p);
        out.write(in, p, len);
        p += len;
      } else if (n != -128 && p < to) {
        byte value = in[p++];
        for (int r = 0; r < 1 - n; r++) {
          out.write(value);
        }
      }
    }
    return out.toByteArray();
  }
}
