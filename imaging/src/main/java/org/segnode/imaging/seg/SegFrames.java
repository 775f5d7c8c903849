package org.segnode.imaging.seg;

import static org.segnode.imaging.seg.Attrs.putCode;
import static org.segnode.imaging.seg.Attrs.putCodeSequence;
import static org.segnode.imaging.seg.Attrs.putDecimals;
import static org.segnode.imaging.seg.Attrs.putString;
import static org.segnode.imaging.seg.Attrs.putUs;
import static org.segnode.imaging.seg.Attrs.sequence;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.util.List;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.SourceSlice;
import org.segnode.imaging.dicom.StableUids;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * The frames of a SEG: dimension organisation (segment number, then Image Position (Patient)),
 * shared and per-frame functional groups, and the bit-packed Pixel Data.
 */
final class SegFrames {
  static final Code SEGMENTATION_DERIVATION = Code.dcm("113076", "Segmentation");
  static final Code SOURCE_IMAGE_PURPOSE =
      Code.dcm("121322", "Source image for image processing operation");

  private SegFrames() {}

  static void add(
      AttributeList list,
      DicomSeries source,
      LabelVolume labels,
      List<SegmentDefinition> segments,
      SegOptions options) {
    Grid grid = labels.grid();
    String dimensionOrganization = StableUids.of(options.uidSeed(), "dimension-organization");
    addDimensions(list, dimensionOrganization);
    sequence(list, TagFromName.SharedFunctionalGroupsSequence, sharedGroups(grid, source));
    SequenceAttribute perFrame =
        new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
    for (SegmentDefinition segment : segments) {
      for (int k = 0; k < grid.nz(); k++) {
        perFrame.addItem(frameGroups(grid, k, segment.number(), source.slices().get(k)));
      }
    }
    list.put(perFrame);
    putString(list, TagFromName.NumberOfFrames, Integer.toString(segments.size() * grid.nz()));
    addPixelData(list, labels, segments);
  }

  private static void addDimensions(AttributeList list, String organizationUid) {
    AttributeList org = new AttributeList();
    putString(org, TagFromName.DimensionOrganizationUID, organizationUid);
    sequence(list, TagFromName.DimensionOrganizationSequence, org);
    putCode(list, TagFromName.DimensionOrganizationType, "3D");
    sequence(
        list,
        TagFromName.DimensionIndexSequence,
        dimension(
            organizationUid,
            TagFromName.ReferencedSegmentNumber,
            TagFromName.SegmentIdentificationSequence,
            "Segment Number"),
        dimension(
            organizationUid,
            TagFromName.ImagePositionPatient,
            TagFromName.PlanePositionSequence,
            "Image Position Patient"));
  }

  private static AttributeList dimension(
      String organizationUid, AttributeTag pointer, AttributeTag group, String label) {
    AttributeList item = new AttributeList();
    putString(item, TagFromName.DimensionOrganizationUID, organizationUid);
    putTag(item, TagFromName.DimensionIndexPointer, pointer);
    putTag(item, TagFromName.FunctionalGroupPointer, group);
    putString(item, TagFromName.DimensionDescriptionLabel, label);
    return item;
  }

  private static void putTag(AttributeList list, AttributeTag tag, AttributeTag value) {
    AttributeTagAttribute a = new AttributeTagAttribute(tag);
    try {
      a.addValue(value.getGroup(), value.getElement());
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
    list.put(a);
  }

  private static AttributeList sharedGroups(Grid grid, DicomSeries source) {
    AttributeList shared = new AttributeList();
    AttributeList measures = new AttributeList();
    putDecimals(measures, TagFromName.PixelSpacing, grid.dy(), grid.dx());
    double thickness = source.sliceThickness() > 0 ? source.sliceThickness() : grid.dz();
    putDecimals(measures, TagFromName.SliceThickness, thickness);
    putDecimals(measures, TagFromName.SpacingBetweenSlices, grid.dz());
    sequence(shared, TagFromName.PixelMeasuresSequence, measures);
    AttributeList orientation = new AttributeList();
    double[] r = grid.rowDir();
    double[] c = grid.colDir();
    putDecimals(
        orientation, TagFromName.ImageOrientationPatient, r[0], r[1], r[2], c[0], c[1], c[2]);
    sequence(shared, TagFromName.PlaneOrientationSequence, orientation);
    return shared;
  }

  private static AttributeList frameGroups(Grid grid, int k, int segment, SourceSlice src) {
    AttributeList groups = new AttributeList();
    AttributeList content = new AttributeList();
    Attrs.putUl(content, TagFromName.DimensionIndexValues, segment, k + 1);
    sequence(groups, TagFromName.FrameContentSequence, content);
    AttributeList position = new AttributeList();
    double[] p = grid.slicePosition(k);
    putDecimals(position, TagFromName.ImagePositionPatient, p[0], p[1], p[2]);
    sequence(groups, TagFromName.PlanePositionSequence, position);
    sequence(groups, TagFromName.DerivationImageSequence, derivation(src));
    AttributeList ident = new AttributeList();
    putUs(ident, TagFromName.ReferencedSegmentNumber, segment);
    sequence(groups, TagFromName.SegmentIdentificationSequence, ident);
    return groups;
  }

  private static AttributeList derivation(SourceSlice src) {
    AttributeList image = SegHeader.instanceRef(src.sopClassUid(), src.sopInstanceUid());
    if (src.frameNumber() > 0) {
      putString(image, TagFromName.ReferencedFrameNumber, Integer.toString(src.frameNumber()));
    }
    putCodeSequence(image, TagFromName.PurposeOfReferenceCodeSequence, SOURCE_IMAGE_PURPOSE);
    AttributeList derivation = new AttributeList();
    putCodeSequence(derivation, TagFromName.DerivationCodeSequence, SEGMENTATION_DERIVATION);
    sequence(derivation, TagFromName.SourceImageSequence, image);
    return derivation;
  }

  private static void addPixelData(
      AttributeList list, LabelVolume labels, List<SegmentDefinition> segments) {
    byte[] packed = BitPacking.pack(labels, segments.stream().mapToInt(SegmentDefinition::number));
    OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
    try {
      pixels.setValues(packed);
    } catch (DicomException e) {
      throw new IllegalStateException(e);
    }
    list.put(pixels);
  }
}
