package org.segnode.imaging.seg;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.UnsignedLongAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;

/**
 * Terse builders for the attributes a SEG is made of. PixelMed's attribute classes throw a checked
 * DicomException only for values of the wrong form, which here would be a programming error.
 */
final class Attrs {
  /** Attributes of the Algorithm Identification macro, absent from PixelMed's 2022 dictionary. */
  static final AttributeTag SEGMENT_ALGORITHM_NAME = new AttributeTag(0x0062, 0x0009);

  static final AttributeTag SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE =
      new AttributeTag(0x0062, 0x0007);
  static final AttributeTag ALGORITHM_FAMILY_CODE_SEQUENCE = new AttributeTag(0x0066, 0x002F);
  static final AttributeTag ALGORITHM_VERSION = new AttributeTag(0x0066, 0x0031);
  static final AttributeTag ALGORITHM_NAME = new AttributeTag(0x0066, 0x0036);

  private Attrs() {}

  static void put(AttributeList list, Attribute attribute, String... values) {
    try {
      for (String v : values) {
        attribute.addValue(v);
      }
    } catch (DicomException e) {
      throw new IllegalArgumentException("bad value for " + attribute.getTag(), e);
    }
    list.put(attribute);
  }

  static void putString(AttributeList list, AttributeTag tag, String... values) {
    try {
      Attribute a =
          AttributeList.getDictionary().getValueRepresentationFromTag(tag) == null
              ? new LongStringAttribute(tag)
              : AttributeFactory.newAttribute(tag);
      put(list, a, values);
    } catch (DicomException e) {
      throw new IllegalArgumentException("cannot create attribute " + tag, e);
    }
  }

  static void putCode(AttributeList list, AttributeTag tag, String value) {
    put(list, new CodeStringAttribute(tag), value);
  }

  static void putUs(AttributeList list, AttributeTag tag, int... values) {
    putInts(list, new UnsignedShortAttribute(tag), values);
  }

  static void putUl(AttributeList list, AttributeTag tag, int... values) {
    putInts(list, new UnsignedLongAttribute(tag), values);
  }

  private static void putInts(AttributeList list, Attribute attribute, int... values) {
    try {
      for (int v : values) {
        attribute.addValue(v);
      }
    } catch (DicomException e) {
      throw new IllegalArgumentException("bad value for " + attribute.getTag(), e);
    }
    list.put(attribute);
  }

  static void putDecimals(AttributeList list, AttributeTag tag, double... values) {
    put(
        list,
        new DecimalStringAttribute(tag),
        Arrays.stream(values).mapToObj(Attrs::decimal).toArray(String[]::new));
  }

  /** A DS value within its 16 characters, without exponent noise for ordinary millimetres. */
  static String decimal(double v) {
    String s = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.8g", v).trim();
  }

  static SequenceAttribute sequence(AttributeList list, AttributeTag tag, AttributeList... items) {
    SequenceAttribute seq = new SequenceAttribute(tag);
    for (AttributeList item : items) {
      seq.addItem(item);
    }
    list.put(seq);
    return seq;
  }

  static void putCodeSequence(AttributeList list, AttributeTag tag, Code code) {
    sequence(list, tag, code.toItem());
  }
}
