package org.segnode.node.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.segnode.node.spool.Spool;

/**
 * The minimal check of a received object before it is kept: its header (everything before Pixel
 * Data) must parse, its identifying UIDs must be present, well formed and agree with the C-STORE
 * command, and the data set must be complete ({@link CompletenessCheck}: every declared length,
 * Pixel Data included, fits in the received bytes). Pixel values are decoded later, by the reader
 * of the segmentation job.
 */
final class InstanceCheck {
  /** The UIDs that file an instance in the spool. */
  record Identity(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid) {}

  private InstanceCheck() {}

  static Identity check(Path file, StoreRequest request, Set<String> accepted)
      throws StoreRefusedException {
    AttributeList header = readHeader(file);
    String sopInstance = uid(header, TagFromName.SOPInstanceUID);
    if (!sopInstance.equals(request.sopInstanceUid())) {
      throw new StoreRefusedException(
          DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
          differs("SOP Instance UID", request.sopInstanceUid(), sopInstance));
    }
    String sopClass = uid(header, TagFromName.SOPClassUID);
    if (!accepted.contains(sopClass)) {
      throw new StoreRefusedException(
          DimseStatus.SOP_CLASS_NOT_SUPPORTED, "SOP class not accepted: " + sopClass);
    }
    if (!sopClass.equals(request.sopClassUid())) {
      throw new StoreRefusedException(
          DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
          differs("SOP Class UID", request.sopClassUid(), sopClass));
    }
    String series = uid(header, TagFromName.SeriesInstanceUID);
    String study = uid(header, TagFromName.StudyInstanceUID);
    CompletenessCheck.requireComplete(file, request.transferSyntaxUid());
    return new Identity(study, series, sopInstance, sopClass);
  }

  /** Identity and transfer syntax of a file already in the spool, from its own header. */
  record Kept(Identity identity, String transferSyntaxUid) {}

  /** Reads a spool file's header (start-up recovery of files whose record was lost). */
  static Kept identifyKept(Path file) throws StoreRefusedException {
    AttributeList header = readHeader(file);
    Identity id =
        new Identity(
            uid(header, TagFromName.StudyInstanceUID),
            uid(header, TagFromName.SeriesInstanceUID),
            uid(header, TagFromName.SOPInstanceUID),
            uid(header, TagFromName.SOPClassUID));
    return new Kept(id, uid(header, TagFromName.TransferSyntaxUID));
  }

  private static AttributeList readHeader(Path file) throws StoreRefusedException {
    AttributeList list = new AttributeList();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        DicomInputStream dicom = new DicomInputStream(in)) {
      list.read(dicom, TagFromName.PixelData);
      return list;
    } catch (IOException | DicomException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StoreRefusedException(DimseStatus.CANNOT_UNDERSTAND, "unreadable data set: " + why);
    }
  }

  private static String uid(AttributeList list, AttributeTag tag) throws StoreRefusedException {
    String name = name(tag);
    String value = Attribute.getSingleStringValueOrNull(list, tag);
    if (value == null || value.isBlank()) {
      throw new StoreRefusedException(
          DimseStatus.CANNOT_UNDERSTAND, "expected " + name + ", found none");
    }
    String trimmed = value.trim();
    if (!Spool.isUid(trimmed)) {
      throw new StoreRefusedException(
          DimseStatus.CANNOT_UNDERSTAND, "expected " + name + " as a UID, found '" + trimmed + "'");
    }
    return trimmed;
  }

  /** PixelMed's dictionary name and the tag, e.g. "SOP Instance UID (0008,0018)". */
  private static String name(AttributeTag tag) {
    return String.format(
        "%s (%04X,%04X)",
        DicomDictionary.StandardDictionary.getFullNameFromTag(tag),
        tag.getGroup(),
        tag.getElement());
  }

  /** The command's value first: the data set is what disagrees with what was announced. */
  private static String differs(String name, String command, String dataSet) {
    return name + ": expected " + command + " as in the command, found " + dataSet;
  }
}
