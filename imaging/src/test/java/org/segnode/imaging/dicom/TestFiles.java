package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Makes modified copies of real DICOM files in a test's temporary folder. */
final class TestFiles {
  private TestFiles() {}

  static AttributeList read(Path file) throws Exception {
    AttributeList list = new AttributeList();
    list.read(file.toFile());
    return list;
  }

  /** Copies {@code source} to {@code target} uncompressed, after applying {@code edit}. */
  static Path copy(Path source, Path target, Consumer<AttributeList> edit) throws Exception {
    AttributeList list = read(source);
    list.removeGroupLengthAttributes();
    list.removeMetaInformationHeaderAttributes();
    edit.accept(list);
    FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "TEST");
    list.write(target.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    return target;
  }

  static void set(AttributeList list, AttributeTag tag, String... values) {
    try {
      Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
      for (String v : values) {
        a.addValue(v);
      }
      list.put(a);
    } catch (com.pixelmed.dicom.DicomException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(AttributeList list, AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag);
  }

  static double[] position(Path file) throws Exception {
    return Attribute.getDoubleValues(read(file), TagFromName.ImagePositionPatient);
  }
}
