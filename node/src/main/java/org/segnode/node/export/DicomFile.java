package org.segnode.node.export;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What sending a Part 10 file needs from its meta header: the UIDs for the C-STORE command and the
 * offset where the data set starts, so that the data set can be sent byte for byte.
 */
record DicomFile(
    Path path,
    String sopClassUid,
    String sopInstanceUid,
    String transferSyntaxUid,
    long dataOffset) {

  private static final int PREAMBLE = 128;

  /** "DICM" plus the (0002,0000) element in Explicit VR Little Endian: tag, VR, length, UL. */
  private static final int GROUP_LENGTH_ELEMENT = 4 + 12;

  static DicomFile read(Path path) throws ExportException {
    AttributeList meta = new AttributeList();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
      meta.readOnlyMetaInformationHeader(new DicomInputStream(in));
    } catch (IOException | DicomException e) {
      throw new ExportException("cannot read DICOM file " + path + ": " + e.getMessage(), e);
    }
    String sopClass = value(meta, TagFromName.MediaStorageSOPClassUID);
    String sopInstance = value(meta, TagFromName.MediaStorageSOPInstanceUID);
    String syntax = value(meta, TagFromName.TransferSyntaxUID);
    if (sopClass.isEmpty() || sopInstance.isEmpty() || syntax.isEmpty()) {
      throw new ExportException(
          "expected a Part 10 file with SOP class, instance and transfer syntax in its meta"
              + " header, found "
              + path
              + " without");
    }
    return new DicomFile(path, sopClass, sopInstance, syntax, dataOffset(path));
  }

  /** The meta group length (type 1) says where the data set begins. */
  private static long dataOffset(Path path) throws ExportException {
    byte[] head = new byte[GROUP_LENGTH_ELEMENT];
    try (InputStream in = Files.newInputStream(path)) {
      in.skipNBytes(PREAMBLE);
      if (in.readNBytes(head, 0, head.length) != head.length) {
        throw new ExportException(
            "expected a DICOM meta header in " + path + ", found a short file");
      }
    } catch (IOException e) {
      throw new ExportException("cannot read " + path + ": " + e.getMessage(), e);
    }
    ByteBuffer buffer = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    boolean magic = head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M';
    if (!magic || buffer.getShort(4) != 0x0002 || buffer.getShort(6) != 0x0000) {
      throw new ExportException(
          "expected DICM and (0002,0000) after the preamble of " + path + ", found neither");
    }
    return PREAMBLE + GROUP_LENGTH_ELEMENT + Integer.toUnsignedLong(buffer.getInt(12));
  }

  private static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
  }
}
