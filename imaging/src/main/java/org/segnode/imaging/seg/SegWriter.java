package org.segnode.imaging.seg;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Writes a label volume on a source series as a BINARY DICOM Segmentation.
 *
 * <p>Frame policy, chosen for what viewers handle best: every segment gets one frame for every
 * source slice, empty or not, ordered by segment number and then by position along the slice
 * normal. Viewers then never have to guess where a missing frame belongs, the frame count is
 * predictable (segments x slices), and an empty result is still a valid SEG whose segments are
 * listed and visibly empty instead of a missing object. Bits are packed continuously across frames
 * (PS3.5 8.1.1), so sizes such as 510 x 510 need no padding per frame.
 */
public final class SegWriter {
  public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

  private SegWriter() {}

  /** Writes the SEG to {@code out} through a temporary file, so a crash never leaves half a SEG. */
  public static void write(
      DicomSeries source,
      LabelVolume labels,
      List<SegmentDefinition> segments,
      SegOptions options,
      Path out)
      throws IOException {
    AttributeList list = build(source, labels, segments, options);
    Path tmp = out.resolveSibling(out.getFileName() + ".part");
    try {
      FileMetaInformation.addFileMetaInformation(
          list, TransferSyntax.ExplicitVRLittleEndian, "SEGNODE");
      list.write(tmp.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (DicomException e) {
      throw new IOException("cannot encode the SEG for " + out + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The complete SEG data set (without file meta information). */
  public static AttributeList build(
      DicomSeries source,
      LabelVolume labels,
      List<SegmentDefinition> segments,
      SegOptions options) {
    checkInput(source, labels, segments);
    LocalDateTime now = LocalDateTime.now();
    AttributeList list = new AttributeList();
    SegHeader.addPatientAndStudy(list, source.header());
    SegHeader.addSeriesAndEquipment(list, source, options, now);
    SegHeader.addSegmentationImage(list, source, segments, options, now);
    SegHeader.addCommonInstanceReference(list, source);
    SegFrames.add(list, source, labels, segments, options);
    return list;
  }

  private static void checkInput(
      DicomSeries source, LabelVolume labels, List<SegmentDefinition> segments) {
    if (source.geometryAssumed()) {
      throw new IllegalArgumentException(
          "source series expected to carry patient geometry (Image Position/Orientation), found"
              + " none: a SEG could not be placed");
    }
    if (!labels.grid().sameAs(source.volume().grid(), 1e-3)) {
      throw new IllegalArgumentException(
          "labels expected on the source grid "
              + source.volume().grid()
              + ", found "
              + labels.grid());
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("at least one segment expected, found none");
    }
    if (source.slices().size() != labels.grid().nz()) {
      throw new IllegalArgumentException(
          "one source slice per label slice expected ("
              + labels.grid().nz()
              + "), found "
              + source.slices().size());
    }
    long distinct = segments.stream().mapToInt(SegmentDefinition::number).distinct().count();
    if (distinct != segments.size()) {
      throw new IllegalArgumentException("segment numbers must be distinct: " + segments);
    }
  }
}
