package org.segnode.imaging.seg;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads BINARY, FRACTIONAL and LABELMAP Segmentation objects, in native or encapsulated (RLE,
 * deflated frames, JPEG 2000) transfer syntaxes.
 */
public final class SegReader {
  static final String LABELMAP_SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.7";

  private SegReader() {}

  public static Segmentation read(Path file) throws SegReadException {
    AttributeList list = new AttributeList();
    list.setDecompressPixelData(false);
    try {
      list.read(file.toFile());
    } catch (IOException | DicomException | RuntimeException e) {
      throw new SegReadException(file + ": not a readable DICOM file (" + e.getMessage() + ")", e);
    }
    return fromList(list, file);
  }

  static Segmentation fromList(AttributeList list, Path file) throws SegReadException {
    String sopClass = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID);
    if (!sopClass.equals(SegWriter.SEGMENTATION_STORAGE)
        && !sopClass.equals(LABELMAP_SEGMENTATION_STORAGE)) {
      throw new SegReadException(
          file
              + ": expected a Segmentation (SOP Class "
              + SegWriter.SEGMENTATION_STORAGE
              + "), found SOP Class '"
              + sopClass
              + "'");
    }
    int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
    int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
    int frames = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1);
    String type = segmentationType(list, sopClass);
    byte[][] pixels = SegPixels.decode(list, file, frames, rows, columns);
    return new Segmentation(
        Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID),
        type,
        rows,
        columns,
        Attribute.getSingleIntegerValueOrDefault(list, TagFromName.MaximumFractionalValue, 1),
        segments(list),
        FrameGroups.frames(list, pixels, file),
        referencedSeries(list),
        Attribute.getSingleStringValueOrEmptyString(list, TagFromName.FrameOfReferenceUID));
  }

  private static String segmentationType(AttributeList list, String sopClass) {
    String type = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SegmentationType);
    return sopClass.equals(LABELMAP_SEGMENTATION_STORAGE) ? "LABELMAP" : type;
  }

  private static List<Segmentation.SegmentInfo> segments(AttributeList list) {
    List<Segmentation.SegmentInfo> out = new ArrayList<>();
    SequenceAttribute seq = (SequenceAttribute) list.get(TagFromName.SegmentSequence);
    for (int n = 0; seq != null && n < seq.getNumberOfItems(); n++) {
      AttributeList item = seq.getItem(n).getAttributeList();
      out.add(
          new Segmentation.SegmentInfo(
              Attribute.getSingleIntegerValueOrDefault(item, TagFromName.SegmentNumber, 0),
              Attribute.getSingleStringValueOrEmptyString(item, TagFromName.SegmentLabel),
              Code.fromItem(
                  CodedSequenceItem.getSingleCodedSequenceItemOrNull(
                      item, TagFromName.SegmentedPropertyCategoryCodeSequence)),
              Code.fromItem(
                  CodedSequenceItem.getSingleCodedSequenceItemOrNull(
                      item, TagFromName.SegmentedPropertyTypeCodeSequence))));
    }
    return out;
  }

  private static String referencedSeries(AttributeList list) {
    SequenceAttribute seq = (SequenceAttribute) list.get(TagFromName.ReferencedSeriesSequence);
    if (seq == null || seq.getNumberOfItems() == 0) {
      return "";
    }
    SequenceItem item = seq.getItem(0);
    return Attribute.getSingleStringValueOrEmptyString(
        item.getAttributeList(), TagFromName.SeriesInstanceUID);
  }
}
