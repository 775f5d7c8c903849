package org.segnode.imaging.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The NIfTI-1 header fields SegNode uses, in file units (RAS millimetres, float32 as stored).
 *
 * <p>{@code dim} and {@code pixdim} hold all eight entries; {@code srow} is the 3 x 4 sform matrix
 * (rows x, y, z); {@code quatern} is (b, c, d) and {@code qoffset} (x, y, z). Arrays are copied on
 * the way in and out.
 */
public record NiftiHeader(
    ByteOrder order,
    int[] dim,
    NiftiDataType datatype,
    float[] pixdim,
    long voxOffset,
    float sclSlope,
    float sclInter,
    int qformCode,
    int sformCode,
    float[] quatern,
    float[] qoffset,
    float[][] srow) {

  /** Bytes of a NIfTI-1 header, and of a single-file header plus its 4-byte extension flag. */
  public static final int HEADER_SIZE = 348;

  public static final int SINGLE_FILE_OFFSET = 352;
  private static final int NIFTI2_SIZE = 540;
  private static final int XYZT_UNITS_MM = 2;

  public NiftiHeader {
    dim = dim.clone();
    pixdim = pixdim.clone();
    quatern = quatern.clone();
    qoffset = qoffset.clone();
    srow = new float[][] {srow[0].clone(), srow[1].clone(), srow[2].clone()};
  }

  public int nx() {
    return dim[1];
  }

  public int ny() {
    return dim[0] >= 2 ? dim[2] : 1;
  }

  public int nz() {
    return dim[0] >= 3 ? dim[3] : 1;
  }

  public long voxelCount() {
    return (long) nx() * ny() * nz();
  }

  /** Whether scl_slope/scl_inter change the stored values (slope 0 means "no scaling"). */
  public boolean hasScaling() {
    return sclSlope != 0 && Float.isFinite(sclSlope) && !(sclSlope == 1 && sclInter == 0);
  }

  /**
   * Parses and checks a header from the start of {@code buf}; {@code source} names the file in
   * error messages.
   */
  public static NiftiHeader parse(ByteBuffer buf, String source) throws NiftiFormatException {
    if (buf.remaining() < HEADER_SIZE) {
      throw new NiftiFormatException(
          source, "a " + HEADER_SIZE + "-byte NIfTI-1 header", buf.remaining() + " bytes");
    }
    ByteBuffer b = buf.slice().order(detectOrder(buf, source));
    checkMagic(b, source);
    int[] dim = readShorts(b, 40, 8);
    checkDims(dim, source);
    NiftiHeader h =
        new NiftiHeader(
            b.order(),
            dim,
            readDatatype(b, source),
            readFloats(b, 76, 8),
            (long) b.getFloat(108),
            b.getFloat(112),
            b.getFloat(116),
            b.getShort(252),
            b.getShort(254),
            readFloats(b, 256, 3),
            readFloats(b, 268, 3),
            new float[][] {readFloats(b, 280, 4), readFloats(b, 296, 4), readFloats(b, 312, 4)});
    if (h.voxOffset < HEADER_SIZE) {
      throw new NiftiFormatException(
          source, "vox_offset >= " + HEADER_SIZE, String.valueOf(b.getFloat(108)));
    }
    return h;
  }

  private static ByteOrder detectOrder(ByteBuffer buf, String source) throws NiftiFormatException {
    int little = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(buf.position());
    int big = Integer.reverseBytes(little);
    if (little == HEADER_SIZE) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    if (big == HEADER_SIZE) {
      return ByteOrder.BIG_ENDIAN;
    }
    if (little == NIFTI2_SIZE || big == NIFTI2_SIZE) {
      throw new NiftiFormatException(source, "NIfTI-1 (sizeof_hdr 348)", "NIfTI-2 (540)");
    }
    throw new NiftiFormatException(
        source, "sizeof_hdr 348 (NIfTI-1)", little + " (not a NIfTI-1 file)");
  }

  private static void checkMagic(ByteBuffer b, String source) throws NiftiFormatException {
    byte[] magic = new byte[4];
    b.get(344, magic);
    String text = new String(magic, 0, 3, StandardCharsets.ISO_8859_1);
    if (text.equals("n+1") && magic[3] == 0) {
      return;
    }
    String found =
        text.equals("ni1")
            ? "'ni1' (a .hdr/.img pair, not supported)"
            : "bytes " + Arrays.toString(magic);
    throw new NiftiFormatException(source, "magic 'n+1' (single-file .nii)", found);
  }

  private static void checkDims(int[] dim, String source) throws NiftiFormatException {
    if (dim[0] < 1 || dim[0] > 7) {
      throw new NiftiFormatException(source, "dim[0] in 1..7", String.valueOf(dim[0]));
    }
    for (int d = 1; d <= dim[0]; d++) {
      boolean spatial = d <= 3;
      if (spatial ? dim[d] < 1 : dim[d] != 1) {
        throw new NiftiFormatException(
            source,
            "a 3D volume (dim[1..3] >= 1, dim[4..] = 1)",
            "dim = " + Arrays.toString(Arrays.copyOfRange(dim, 0, dim[0] + 1)));
      }
    }
  }

  private static NiftiDataType readDatatype(ByteBuffer b, String source)
      throws NiftiFormatException {
    // bitpix is redundant with datatype and some writers get it wrong, so only datatype counts.
    int code = b.getShort(70);
    NiftiDataType type = NiftiDataType.fromCode(code);
    if (type == null) {
      throw new NiftiFormatException(
          source, "datatype one of " + NiftiDataType.supportedList(), String.valueOf(code));
    }
    return type;
  }

  /** The 352 bytes of a single-file header with an empty extension flag. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(SINGLE_FILE_OFFSET).order(order);
    b.putInt(0, HEADER_SIZE);
    b.put(38, (byte) 'r'); // "regular", expected by some old Analyze readers
    writeShorts(b, 40, dim);
    b.putShort(70, (short) datatype.code());
    b.putShort(72, (short) datatype.bitpix());
    writeFloats(b, 76, pixdim);
    b.putFloat(108, voxOffset);
    b.putFloat(112, sclSlope);
    b.putFloat(116, sclInter);
    b.put(123, (byte) XYZT_UNITS_MM);
    b.put(148, "SegNode".getBytes(StandardCharsets.US_ASCII));
    b.putShort(252, (short) qformCode);
    b.putShort(254, (short) sformCode);
    writeFloats(b, 256, quatern);
    writeFloats(b, 268, qoffset);
    for (int r = 0; r < 3; r++) {
      writeFloats(b, 280 + 16 * r, srow[r]);
    }
    b.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  @Override
  public int[] dim() {
    return dim.clone();
  }

  @Override
  public float[] pixdim() {
    return pixdim.clone();
  }

  @Override
  public float[] quatern() {
    return quatern.clone();
  }

  @Override
  public float[] qoffset() {
    return qoffset.clone();
  }

  @Override
  public float[][] srow() {
    return new float[][] {srow[0].clone(), srow[1].clone(), srow[2].clone()};
  }

  private static int[] readShorts(ByteBuffer b, int offset, int n) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = b.getShort(offset + 2 * i);
    }
    return v;
  }

  private static float[] readFloats(ByteBuffer b, int offset, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = b.getFloat(offset + 4 * i);
    }
    return v;
  }

  private static void writeShorts(ByteBuffer b, int offset, int[] v) {
    for (int i = 0; i < v.length; i++) {
      b.putShort(offset + 2 * i, (short) v[i]);
    }
  }

  private static void writeFloats(ByteBuffer b, int offset, float[] v) {
    for (int i = 0; i < v.length; i++) {
      b.putFloat(offset + 4 * i, v[i]);
    }
  }
}
