package org.segnode.imaging.seg;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads each frame's placement from the shared and per-frame functional groups of a SEG. */
final class FrameGroups {
  private FrameGroups() {}

  static List<Segmentation.SegFrame> frames(AttributeList list, byte[][] pixels, Path file)
      throws SegReadException {
    AttributeList shared = firstItem(list, TagFromName.SharedFunctionalGroupsSequence);
    SequenceAttribute perFrame =
        (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
    int count = perFrame == null ? 0 : perFrame.getNumberOfItems();
    if (count != pixels.length) {
      throw new SegReadException(
          file
              + ": expected one Per-frame Functional Groups item per frame ("
              + pixels.length
              + "), found "
              + count);
    }
    List<Segmentation.SegFrame> frames = new ArrayList<>(count);
    for (int f = 0; f < count; f++) {
      frames.add(frame(perFrame.getItem(f).getAttributeList(), shared, pixels[f]));
    }
    return frames;
  }

  private static Segmentation.SegFrame frame(AttributeList own, AttributeList shared, byte[] px) {
    AttributeList ident = group(own, shared, TagFromName.SegmentIdentificationSequence);
    AttributeList position = group(own, shared, TagFromName.PlanePositionSequence);
    AttributeList orientation = group(own, shared, TagFromName.PlaneOrientationSequence);
    AttributeList measures = group(own, shared, TagFromName.PixelMeasuresSequence);
    double[] iop = doubles(orientation, TagFromName.ImageOrientationPatient, 6);
    AttributeList source = sourceImage(group(own, shared, TagFromName.DerivationImageSequence));
    return new Segmentation.SegFrame(
        ident == null
            ? 0
            : Attribute.getSingleIntegerValueOrDefault(
                ident, TagFromName.ReferencedSegmentNumber, 0),
        doubles(position, TagFromName.ImagePositionPatient, 3),
        iop == null ? null : new double[] {iop[0], iop[1], iop[2]},
        iop == null ? null : new double[] {iop[3], iop[4], iop[5]},
        doubles(measures, TagFromName.PixelSpacing, 2),
        measures == null
            ? 0
            : Attribute.getSingleDoubleValueOrDefault(
                measures, TagFromName.SpacingBetweenSlices, 0),
        source == null
            ? null
            : Attribute.getSingleStringValueOrNull(source, TagFromName.ReferencedSOPInstanceUID),
        source == null
            ? 0
            : Attribute.getSingleIntegerValueOrDefault(
                source, TagFromName.ReferencedFrameNumber, 0),
        px);
  }

  /** A functional group's first item, per-frame first, then shared (PS3.3 C.7.6.16). */
  private static AttributeList group(AttributeList own, AttributeList shared, AttributeTag tag) {
    AttributeList item = firstItem(own, tag);
    return item != null ? item : firstItem(shared, tag);
  }

  private static AttributeList sourceImage(AttributeList derivation) {
    return derivation == null ? null : firstItem(derivation, TagFromName.SourceImageSequence);
  }

  static AttributeList firstItem(AttributeList list, AttributeTag tag) {
    if (list == null || !(list.get(tag) instanceof SequenceAttribute seq)) {
      return null;
    }
    return seq.getNumberOfItems() == 0 ? null : seq.getItem(0).getAttributeList();
  }

  private static double[] doubles(AttributeList list, AttributeTag tag, int count) {
    if (list == null) {
      return null;
    }
    double[] values = Attribute.getDoubleValues(list, tag);
    return values != null && values.length == count ? values : null;
  }
}
