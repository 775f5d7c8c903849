package org.segnode.imaging.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Reads single-file NIfTI-1 volumes ({@code .nii}, or gzip-compressed {@code .nii.gz}, recognised
 * by content) into SegNode's LPS grids. Placement follows the NIfTI rule: sform when sform_code >
 * 0, else qform when qform_code > 0, else pixdim alone.
 */
public final class NiftiReader {
  private static final int GZIP_MAGIC = 0x8b1f;

  private NiftiReader() {}

  /** Whether a file name says NIfTI-1 ({@code .nii} or {@code .nii.gz}, any case). */
  public static boolean isNiftiName(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".nii") || name.endsWith(".nii.gz");
  }

  /** The whole file: grid, scaled values and header. */
  public static NiftiImage read(Path file) throws IOException {
    byte[] bytes = readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    String source = file.toString();
    NiftiHeader h = NiftiHeader.parse(buf, source);
    NiftiGeometry.Source placement = NiftiGeometry.preferredSource(h);
    Grid grid = NiftiGeometry.toGrid(h, placement, source);
    return new NiftiImage(grid, readValues(h, bytes, source), h, placement);
  }

  /** The header alone, without reading (or decompressing) the voxel data. */
  public static NiftiHeader readHeader(Path file) throws IOException {
    try (InputStream in = open(file)) {
      byte[] head = in.readNBytes(NiftiHeader.HEADER_SIZE);
      return NiftiHeader.parse(ByteBuffer.wrap(head), file.toString());
    } catch (EOFException | ZipException e) {
      throw gzipProblem(file, e);
    }
  }

  /** Intensities as float (exact for the 16-bit and integer-valued data SegNode meets). */
  public static ImageVolume readImage(Path file) throws IOException {
    NiftiImage img = read(file);
    double[] v = img.values();
    float[] voxels = new float[v.length];
    for (int n = 0; n < v.length; n++) {
      voxels[n] = (float) v[n];
    }
    return new ImageVolume(img.grid(), voxels);
  }

  /** A label map; refuses values that are not whole numbers in 0..255. */
  public static LabelVolume readLabels(Path file) throws IOException {
    NiftiImage img = read(file);
    Grid g = img.grid();
    double[] v = img.values();
    byte[] labels = new byte[v.length];
    for (int n = 0; n < v.length; n++) {
      double x = v[n];
      if (!(x >= 0 && x <= 255 && x == Math.rint(x))) {
        int i = n % g.nx();
        int j = (n / g.nx()) % g.ny();
        int k = n / g.sliceSize();
        throw new NiftiFormatException(
            file,
            "integer labels in 0..255",
            x + " at voxel (" + i + ", " + j + ", " + k + ") in " + img.datatype() + " data");
      }
      labels[n] = (byte) x;
    }
    return new LabelVolume(g, labels);
  }

  /** The file's bytes, decompressed when they start with the gzip magic. */
  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      raw.mark(2);
      int magic = raw.read() | (raw.read() << 8);
      raw.reset();
      return magic == GZIP_MAGIC ? new GZIPInputStream(raw, 1 << 16) : raw;
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  private static byte[] readAllBytes(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return in.readAllBytes();
    } catch (EOFException | ZipException e) {
      throw gzipProblem(file, e);
    }
  }

  private static NiftiFormatException gzipProblem(Path file, IOException e) {
    return e instanceof EOFException
        ? new NiftiFormatException(file, "a complete gzip stream", "it ends early (truncated)")
        : new NiftiFormatException(file, "a valid gzip stream", e.getMessage());
  }

  private static double[] readValues(NiftiHeader h, byte[] bytes, String source)
      throws NiftiFormatException {
    long count = h.voxelCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new NiftiFormatException(source, "fewer than 2^31 voxels", count + " voxels");
    }
    long needed = count * h.datatype().bytesPerVoxel();
    long available = bytes.length - h.voxOffset();
    if (available < needed) {
      throw new NiftiFormatException(
          source,
          needed + " data bytes from offset " + h.voxOffset(),
          Math.max(0, available) + " (truncated file)");
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, (int) h.voxOffset(), (int) needed).order(h.order());
    double[] values = new double[(int) count];
    NiftiDataType type = h.datatype();
    for (int n = 0; n < values.length; n++) {
      values[n] = type.read(data);
    }
    if (h.hasScaling()) {
      double slope = h.sclSlope();
      double inter = h.sclInter();
      for (int n = 0; n < values.length; n++) {
        values[n] = values[n] * slope + inter;
      }
    }
    return values;
  }
}
