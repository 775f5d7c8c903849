package org.segnode.node.routing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.segnode.node.config.Orientation;
import org.segnode.node.config.RoutingRule;

/**
 * What routing looks at in one instance of a series: the values of {@link RoutingRule#MATCHABLE}
 * (empty when absent; multiple values joined with '\') and the slice plane.
 */
public record SeriesHeader(Map<String, String> values, Orientation orientation) {
  public SeriesHeader {
    values = Map.copyOf(values);
  }

  /** Reads {@code file} up to its Pixel Data, which is never loaded. */
  public static SeriesHeader read(Path file) throws IOException, DicomException {
    AttributeList list = new AttributeList();
    list.read(file.toFile(), TagFromName.PixelData);
    Map<String, String> values = new TreeMap<>();
    for (String keyword : RoutingRule.MATCHABLE) {
      AttributeTag tag = AttributeList.getDictionary().getTagFromName(keyword);
      values.put(keyword, Attribute.getDelimitedStringValuesOrEmptyString(list, tag).trim());
    }
    return new SeriesHeader(values, Orientation.ofImageOrientation(imageOrientation(list)));
  }

  public String value(String keyword) {
    return values.getOrDefault(keyword, "");
  }

  /**
   * Image Orientation (Patient) of a single-frame instance, or of an enhanced multi-frame one's
   * shared functional groups, else of its first frame; null when none is found.
   */
  private static double[] imageOrientation(AttributeList list) throws DicomException {
    double[] top = orientation(list);
    if (top != null) {
      return top;
    }
    for (AttributeTag groups :
        new AttributeTag[] {
          TagFromName.SharedFunctionalGroupsSequence, TagFromName.PerFrameFunctionalGroupsSequence
        }) {
      AttributeList item = firstItem(list, groups);
      AttributeList plane =
          item == null ? null : firstItem(item, TagFromName.PlaneOrientationSequence);
      double[] found = plane == null ? null : orientation(plane);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static double[] orientation(AttributeList list) throws DicomException {
    Attribute a = list.get(TagFromName.ImageOrientationPatient);
    return a != null && a.getVM() == 6 ? a.getDoubleValues() : null;
  }

  private static AttributeList firstItem(AttributeList list, AttributeTag tag) {
    return list.get(tag) instanceof SequenceAttribute s && s.getNumberOfItems() > 0
        ? s.getItem(0).getAttributeList()
        : null;
  }
}
