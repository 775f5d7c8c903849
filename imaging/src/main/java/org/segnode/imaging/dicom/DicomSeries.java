package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.segnode.imaging.volume.ImageVolume;

/**
 * A DICOM image series read into SegNode's volume model.
 *
 * @param volume rescaled intensities; slice k lies at {@code slices.get(k)}
 * @param slices the source instance (and frame) of each volume slice, in volume order
 * @param header the first volume slice's instance attributes without Pixel Data; the SEG writer
 *     copies patient, study, series and frame-of-reference attributes from it
 * @param sliceThickness nominal Slice Thickness in mm, or the slice spacing where none is given
 */
public record DicomSeries(
    ImageVolume volume, List<SourceSlice> slices, AttributeList header, double sliceThickness) {

  public DicomSeries {
    slices = List.copyOf(slices);
    if (slices.size() != volume.grid().nz()) {
      throw new IllegalArgumentException(
          "expected one source per slice (" + volume.grid().nz() + "), found " + slices.size());
    }
  }

  /**
   * For the n-th source file in file-name order (plain string order of the names), the volume slice
   * it became. Lets per-file companions (e.g. one PNG mask per DICOM file, named in the same order)
   * be placed on the volume.
   *
   * @throws IllegalStateException for multi-frame sources, where one file holds several slices
   */
  public int[] sliceOfFileInNameOrder() {
    Integer[] order = new Integer[slices.size()];
    for (int k = 0; k < order.length; k++) {
      if (slices.get(k).frameNumber() != 0) {
        throw new IllegalStateException(
            "expected single-frame sources, found frame " + slices.get(k).frameNumber());
      }
      order[k] = k;
    }
    Arrays.sort(order, Comparator.comparing((Integer k) -> fileName(slices.get(k))));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private static String fileName(SourceSlice s) {
    return s.file().getFileName().toString();
  }

  public String seriesInstanceUid() {
    return text(TagFromName.SeriesInstanceUID);
  }

  public String studyInstanceUid() {
    return text(TagFromName.StudyInstanceUID);
  }

  public String frameOfReferenceUid() {
    return text(TagFromName.FrameOfReferenceUID);
  }

  public String modality() {
    return text(TagFromName.Modality);
  }

  private String text(AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(header, tag).trim();
  }
}
