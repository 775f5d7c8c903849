package org.segnode.imaging.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds hand-made NIfTI files for tests: any header, any supported datatype, either order. */
final class NiftiTestFiles {
  private NiftiTestFiles() {}

  /** A header with identity-free placement: all codes 0, the given size, type and order. */
  static NiftiHeader header(ByteOrder order, NiftiDataType type, int nx, int ny, int nz) {
    return new NiftiHeader(
        order,
        new int[] {3, nx, ny, nz, 1, 1, 1, 1},
        type,
        new float[] {1, 1, 1, 1, 0, 0, 0, 0},
        NiftiHeader.SINGLE_FILE_OFFSET,
        0f,
        0f,
        0,
        0,
        new float[3],
        new float[3],
        new float[3][4]);
  }

  /** A copy of {@code h} with other scaling. */
  static NiftiHeader withScaling(NiftiHeader h, float slope, float inter) {
    return new NiftiHeader(
        h.order(),
        h.dim(),
        h.datatype(),
        h.pixdim(),
        h.voxOffset(),
        slope,
        inter,
        h.qformCode(),
        h.sformCode(),
        h.quatern(),
        h.qoffset(),
        h.srow());
  }

  /** A copy of {@code h} with another qform and sform. */
  static NiftiHeader withForms(
      NiftiHeader h,
      float[] pixdim,
      int qformCode,
      float[] quatern,
      float[] qoffset,
      int sformCode,
      float[][] srow) {
    return new NiftiHeader(
        h.order(),
        h.dim(),
        h.datatype(),
        pixdim,
        h.voxOffset(),
        h.sclSlope(),
        h.sclInter(),
        qformCode,
        sformCode,
        quatern,
        qoffset,
        srow);
  }

  /** Header plus values encoded as the header's datatype and byte order. */
  static byte[] bytes(NiftiHeader h, double[] values) {
    NiftiDataType t = h.datatype();
    ByteBuffer data = ByteBuffer.allocate(values.length * t.bytesPerVoxel()).order(h.order());
    for (double v : values) {
      switch (t) {
        case UINT8, INT8 -> data.put((byte) (int) v);
        case INT16, UINT16 -> data.putShort((short) (int) v);
        case INT32 -> data.putInt((int) v);
        case FLOAT32 -> data.putFloat((float) v);
        case FLOAT64 -> data.putDouble(v);
      }
    }
    byte[] head = h.encode();
    byte[] all = new byte[head.length + data.capacity()];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(data.array(), 0, all, head.length, data.capacity());
    return all;
  }

  /** Writes {@code bytes}, gzip-compressed when the name ends in .gz. */
  static Path write(Path file, byte[] bytes) throws IOException {
    if (!file.toString().endsWith(".gz")) {
      return Files.write(file, bytes);
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes);
    }
    return file;
  }

  static Path write(Path file, NiftiHeader h, double[] values) throws IOException {
    return write(file, bytes(h, values));
  }

  /** Little-endian header bytes of a file with one field patched. */
  static byte[] patchShort(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
    return copy;
  }
}
