package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.Vec3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link ImageVolume} as a single-frame MR Image Storage series, one file per slice
 * ({@code IM_0001.dcm}, ...), Explicit VR Little Endian. Every UID is derived from {@link
 * Options#seed}, so the same input and seed give the same files. Values are stored as described in
 * {@link PixelEncoding}. Each slice carries its own Image Position (Patient) taken from the grid,
 * so a left-handed grid (sliceDir = -(rowDir x colDir)) reads back with the slice order reversed
 * but every voxel at the same patient position.
 */
public final class DicomSeriesWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DicomSeriesWriter.class);
  private static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
  private static final String SOURCE_AE = "SEGNODE";

  /**
   * Patient and description attributes of the written series; the defaults are harmless synthetic
   * values. {@code seed} determines every UID.
   */
  public record Options(
      String patientName,
      String patientId,
      String studyDescription,
      String seriesDescription,
      String seed) {
    public static Options withSeed(String seed) {
      return new Options(
          "SEGNODE^SYNTHETIC", "SEGNODE-0001", "SegNode conversion", "Converted volume", seed);
    }
  }

  /**
   * Writes the series into {@code outputDir} (created if needed) and returns the files in order.
   */
  public List<Path> write(ImageVolume volume, Path outputDir, Options options) throws IOException {
    Grid grid = volume.grid();
    requireStackable(grid);
    PixelEncoding encoding = PixelEncoding.choose(volume.voxels());
    Files.createDirectories(outputDir);
    List<Path> files = new ArrayList<>();
    for (int k = 0; k < grid.nz(); k++) {
      Path file = outputDir.resolve(String.format("IM_%04d.dcm", k + 1));
      try {
        AttributeList list = slice(volume, k, encoding, options);
        FileMetaInformation.addFileMetaInformation(
            list, TransferSyntax.ExplicitVRLittleEndian, SOURCE_AE);
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
      } catch (DicomException e) {
        throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      files.add(file);
    }
    LOG.debug("wrote {} slices to {} with {}", grid.nz(), outputDir, encoding);
    return files;
  }

  /** Single-frame slices can only describe a stack whose slices lie along the plane normal. */
  private static void requireStackable(Grid grid) {
    double[] normal = Vec3.cross(grid.rowDir(), grid.colDir());
    double cos = Math.abs(Vec3.dot(normal, grid.sliceDir()));
    if (!grid.checkOrthonormal(1e-4) || Math.abs(cos - 1) > 1e-6) {
      throw new IllegalArgumentException(
          "expected an orthonormal grid with sliceDir = +-(rowDir x colDir), found " + grid);
    }
  }

  private static AttributeList slice(ImageVolume volume, int k, PixelEncoding enc, Options o)
      throws DicomException {
    AttributeList list = new AttributeList();
    SeriesAttributes.addCommon(list, volume, enc, o);
    Grid grid = volume.grid();
    put(list, TagFromName.SOPClassUID, MR_IMAGE_STORAGE);
    put(list, TagFromName.SOPInstanceUID, StableUids.of(o.seed(), "instance/" + k));
    put(list, TagFromName.InstanceNumber, Integer.toString(k + 1));
    double[] position = grid.slicePosition(k);
    put(list, TagFromName.ImagePositionPatient, ds(position));
    double[] normal = Vec3.cross(grid.rowDir(), grid.colDir());
    put(list, TagFromName.SliceLocation, DecimalStrings.format(Vec3.dot(position, normal)));
    list.put(pixels(volume, k, enc));
    return list;
  }

  private static Attribute pixels(ImageVolume volume, int k, PixelEncoding enc)
      throws DicomException {
    int size = volume.grid().sliceSize();
    short[] stored = new short[size];
    float[] voxels = volume.voxels();
    for (int n = 0; n < size; n++) {
      stored[n] = enc.encode(voxels[k * size + n]);
    }
    OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
    a.setValues(stored);
    return a;
  }

  static void put(AttributeList list, AttributeTag tag, String... values) throws DicomException {
    Attribute a = AttributeFactory.newAttribute(tag);
    for (String v : values) {
      a.addValue(v);
    }
    list.put(a);
  }

  static String[] ds(double... values) {
    String[] out = new String[values.length];
    for (int n = 0; n < values.length; n++) {
      out[n] = DecimalStrings.format(values[n]);
    }
    return out;
  }
}
