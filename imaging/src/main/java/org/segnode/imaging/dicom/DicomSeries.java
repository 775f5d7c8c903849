package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.segnode.imaging.volume.ImageVolume;

/**
 * A DICOM image series read into SegNode's volume model.
 *
 * @param volume rescaled intensities; slice k lies at {@code slices.get(k)}
 * @param slices the source instance (and frame) of each volume slice, in volume order
 * @param header the first volume slice's instance attributes without Pixel Data; the SEG writer
 *     copies patient, study, series and frame-of-reference attributes from it
 * @param sliceThickness nominal Slice Thickness in mm, or the slice spacing where none is given
 * @param caveats what the reader had to assume or convert to produce this volume; empty for a grey
 *     series placed by its own patient geometry
 */
public record DicomSeries(
    ImageVolume volume,
    List<SourceSlice> slices,
    AttributeList header,
    double sliceThickness,
    Set<Caveat> caveats) {

  /** Ways in which the volume is less than a faithful copy of the source series. */
  public enum Caveat {
    /**
     * The source has no Image Position/Orientation (Patient): the grid is an assumed axis-aligned
     * one at the origin (see {@link DicomSeriesReader}), so it says nothing about patient space.
     */
    GEOMETRY_ASSUMED,
    /** The source is colour (RGB or YBR); voxels hold its Rec. 601 luminance. */
    COLOUR_CONVERTED_TO_GREY
  }

  /** A series placed by its own patient geometry, with nothing assumed or converted. */
  public DicomSeries(
      ImageVolume volume, List<SourceSlice> slices, AttributeList header, double sliceThickness) {
    this(volume, slices, header, sliceThickness, Set.of());
  }

  public DicomSeries {
    slices = List.copyOf(slices);
    caveats = Set.copyOf(caveats);
    if (slices.size() != volume.grid().nz()) {
      throw new IllegalArgumentException(
          "expected one source per slice (" + volume.grid().nz() + "), found " + slices.size());
    }
  }

  /** True when the grid was assumed because the source carries no patient geometry. */
  public boolean geometryAssumed() {
    return caveats.contains(Caveat.GEOMETRY_ASSUMED);
  }

  /** True when colour source pixels were converted to luminance. */
  public boolean colourConvertedToGrey() {
    return caveats.contains(Caveat.COLOUR_CONVERTED_TO_GREY);
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
