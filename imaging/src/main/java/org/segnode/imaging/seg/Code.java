package org.segnode.imaging.seg;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;

/** A coded concept (code value, coding scheme designator, code meaning) as DICOM writes it. */
public record Code(String value, String scheme, String meaning) {

  /** SNOMED CT, written with the designator DICOM uses today ("SCT", not the retired "SRT"). */
  public static Code sct(String value, String meaning) {
    return new Code(value, "SCT", meaning);
  }

  /** DICOM's own code scheme (PS3.16). */
  public static Code dcm(String value, String meaning) {
    return new Code(value, "DCM", meaning);
  }

  AttributeList toItem() {
    try {
      return new CodedSequenceItem(value, scheme, meaning).getAttributeList();
    } catch (DicomException e) {
      throw new IllegalStateException("cannot encode code " + this, e);
    }
  }

  static Code fromItem(CodedSequenceItem item) {
    return item == null
        ? null
        : new Code(item.getCodeValue(), item.getCodingSchemeDesignator(), item.getCodeMeaning());
  }
}
