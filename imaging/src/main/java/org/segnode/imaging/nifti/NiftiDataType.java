package org.segnode.imaging.nifti;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The NIfTI-1 voxel data types SegNode reads (all) and writes (UINT8 and FLOAT32). */
public enum NiftiDataType {
  UINT8(2, 1),
  INT16(4, 2),
  INT32(8, 4),
  FLOAT32(16, 4),
  FLOAT64(64, 8),
  INT8(256, 1),
  UINT16(512, 2);

  private final int code;
  private final int bytes;

  NiftiDataType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** The header's {@code datatype} value. */
  public int code() {
    return code;
  }

  public int bytesPerVoxel() {
    return bytes;
  }

  public int bitpix() {
    return 8 * bytes;
  }

  /** The type with this header code, or null when SegNode does not support it. */
  public static NiftiDataType fromCode(int code) {
    for (NiftiDataType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  /** A readable list of the supported types, for error messages. */
  public static String supportedList() {
    return Arrays.stream(values())
        .map(t -> t.name().toLowerCase(java.util.Locale.ROOT) + "(" + t.code + ")")
        .collect(Collectors.joining(", "));
  }

  /** Reads the next voxel from {@code buf} (whose byte order is already set) as a double. */
  double read(ByteBuffer buf) {
    return switch (this) {
      case UINT8 -> buf.get() & 0xff;
      case INT8 -> buf.get();
      case INT16 -> buf.getShort();
      case UINT16 -> buf.getShort() & 0xffff;
      case INT32 -> buf.getInt();
      case FLOAT32 -> buf.getFloat();
      case FLOAT64 -> buf.getDouble();
    };
  }
}
