package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;

/** UIDs read from a DICOM file's header (everything before Pixel Data). */
final class Headers {
  private Headers() {}

  static String uid(Path file, AttributeTag tag) throws Exception {
    AttributeList list = new AttributeList();
    list.read(file.toString(), TagFromName.PixelData);
    String value = Attribute.getSingleStringValueOrNull(list, tag);
    assertFalse(value == null || value.isBlank(), "expected " + tag + " in " + file);
    return value.trim();
  }

  /** Where the node's spool keeps {@code file}: study/series/instance.dcm under {@code spool}. */
  static Path spooled(Path spool, Path file) throws Exception {
    return spool
        .resolve(uid(file, TagFromName.StudyInstanceUID))
        .resolve(uid(file, TagFromName.SeriesInstanceUID))
        .resolve(uid(file, TagFromName.SOPInstanceUID) + ".dcm");
  }
}
