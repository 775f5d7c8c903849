package org.segnode.imaging.nifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Writes single-file NIfTI-1 volumes, little endian, gzip-compressed when the file name ends in
 * {@code .gz}. Both sform and qform are written with code 1 (scanner), so readers that only know
 * one of them still place the volume.
 */
public final class NiftiWriter {
  /** NIfTI xform code 1: scanner-based anatomical coordinates. */
  static final int XFORM_SCANNER = 1;

  private NiftiWriter() {}

  /** Writes intensities as float32. */
  public static void write(ImageVolume image, Path file) throws IOException {
    float[] v = image.voxels();
    ByteBuffer data = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(v);
    write(header(image.grid(), NiftiDataType.FLOAT32), data.array(), file);
  }

  /** Writes labels as uint8. */
  public static void write(LabelVolume labels, Path file) throws IOException {
    write(header(labels.grid(), NiftiDataType.UINT8), labels.labels(), file);
  }

  /** The header SegNode writes for a grid: sform and qform both set, no scaling, millimetres. */
  public static NiftiHeader header(Grid g, NiftiDataType type) {
    NiftiGeometry.Qform q = NiftiGeometry.qform(g);
    double[][] a = NiftiGeometry.rasAffine(g);
    float[][] srow = new float[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        srow[r][c] = (float) a[r][c];
      }
    }
    int[] dim = {3, g.nx(), g.ny(), g.nz(), 1, 1, 1, 1};
    float[] pixdim = {(float) q.qfac(), (float) g.dx(), (float) g.dy(), (float) g.dz(), 0, 0, 0, 0};
    return new NiftiHeader(
        ByteOrder.LITTLE_ENDIAN,
        dim,
        type,
        pixdim,
        NiftiHeader.SINGLE_FILE_OFFSET,
        1f,
        0f,
        XFORM_SCANNER,
        XFORM_SCANNER,
        new float[] {(float) q.b(), (float) q.c(), (float) q.d()},
        new float[] {srow[0][3], srow[1][3], srow[2][3]},
        srow);
  }

  private static void write(NiftiHeader header, byte[] data, Path file) throws IOException {
    boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    try (OutputStream out = open(file, gzip)) {
      out.write(header.encode());
      out.write(data);
    }
  }

  private static OutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
  }
}
