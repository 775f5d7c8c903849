package org.segnode.node.it;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.PresentationContext;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.segnode.imaging.dicom.StableUids;
import org.segnode.node.export.StoreResponseHandler;

/**
 * Sends a file's bytes as a C-STORE data set without parsing them first, for files storescu refuses
 * to send: the node's own handling of the bytes is then what a test sees. The command names what
 * can be read from the file, as storescu would (the data set's UIDs, else the meta header's; the
 * meta header's transfer syntax, else PixelMed's guess); what cannot be read is filled in (MR Image
 * Storage, a UID derived from the file name, Explicit VR Little Endian).
 */
final class RawStoreScu {
  static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
  private static final int PREAMBLE = 128;
  private static final int TIMEOUT_S = 30;

  /** What is sent: command UIDs, the transfer syntax proposed, the data set bytes. */
  record Request(
      String sopClassUid, String sopInstanceUid, String transferSyntaxUid, byte[] data) {}

  /** C-STORE-RSP status and Error Comment. */
  record Response(int status, String comment) {}

  private RawStoreScu() {}

  static Request request(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int offset = dataOffset(bytes);
    AttributeList data = new AttributeList();
    TransferSyntax guessed = null;
    try {
      DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(bytes));
      guessed = in.getTransferSyntaxToReadDataSet();
      data.read(in, TagFromName.PixelData);
    } catch (Exception | Error unreadable) {
      // keep whatever was read before the failure
    }
    String syntax =
        first(
            data,
            guessed == null ? TransferSyntax.ExplicitVRLittleEndian : guessed.getUID(),
            TagFromName.TransferSyntaxUID);
    String sopClass =
        first(data, MR_IMAGE_STORAGE, TagFromName.SOPClassUID, TagFromName.MediaStorageSOPClassUID);
    String sopInstance =
        first(
            data,
            StableUids.of(file.getFileName().toString(), "raw"),
            TagFromName.SOPInstanceUID,
            TagFromName.MediaStorageSOPInstanceUID);
    return new Request(
        sopClass, sopInstance, syntax, Arrays.copyOfRange(bytes, offset, bytes.length));
  }

  /** The first of {@code tags} with a value, else {@code fallback}. */
  private static String first(AttributeList list, String fallback, AttributeTag... tags) {
    for (AttributeTag tag : tags) {
      String value = Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
      if (!value.isEmpty()) {
        return value;
      }
    }
    return fallback;
  }

  /** After "DICM" and the meta group whose length (0002,0000) gives; 0 without "DICM". */
  private static int dataOffset(byte[] bytes) {
    int group = PREAMBLE + 4;
    if (bytes.length < group + 12
        || !"DICM".equals(new String(bytes, PREAMBLE, 4, StandardCharsets.US_ASCII))) {
      return 0;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getShort(group) != 0x0002 || b.getShort(group + 2) != 0x0000) {
      return PREAMBLE + 4;
    }
    return Math.min(bytes.length, group + 12 + b.getInt(group + 8));
  }

  /** Bounded: an answer within {@value #TIMEOUT_S} s, else the test fails. */
  static Response send(int port, String callingAe, Request request) throws Exception {
    CompletableFuture<Response> call =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return store(port, callingAe, request);
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    try {
      return call.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("expected a C-STORE response within " + TIMEOUT_S + " s", e);
    }
  }

  private static Response store(int port, String callingAe, Request request) throws Exception {
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    contexts.add(
        new PresentationContext((byte) 1, request.sopClassUid(), request.transferSyntaxUid()));
    Association association =
        AssociationFactory.createNewAssociation(
            "127.0.0.1", port, "SEGNODE", callingAe, contexts, null, false);
    try {
      byte context = association.getSuitablePresentationContextID(request.sopClassUid());
      StoreResponseHandler response = new StoreResponseHandler();
      association.setReceivedDataHandler(response);
      association.send(
          context,
          new CStoreRequestCommandMessage(request.sopClassUid(), request.sopInstanceUid())
              .getBytes(),
          null);
      try (OutputStream out = association.getAssociationOutputStream(context)) {
        out.write(request.data());
      }
      association.waitForCommandPDataPDUs();
      association.release();
      return new Response(response.getStatus(), response.errorComment());
    } catch (Exception e) {
      association.abort();
      throw e;
    }
  }
}
