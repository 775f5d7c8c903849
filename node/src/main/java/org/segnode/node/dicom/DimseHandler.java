package org.segnode.node.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves the DIMSE messages of one association as PixelMed hands us its P-DATA PDUs: C-ECHO, and
 * C-STORE streamed into the spool. Never reports itself done, so PixelMed keeps reading until the
 * peer releases or aborts. Counts what it did per series for the association's summary.
 */
final class DimseHandler extends CompositeResponseHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DimseHandler.class);

  /** Per-series counts: stored, duplicates. */
  private final Map<String, int[]> perSeries = new LinkedHashMap<>();

  private final StoreService service;
  private final String callingAe;
  private final Map<Byte, StorePolicy.Accepted> contexts;
  private final ByteArrayOutputStream command = new ByteArrayOutputStream();
  private StoreOperation current;
  private int refused;
  private long dataBytes;

  DimseHandler(StoreService service, String callingAe, Map<Byte, StorePolicy.Accepted> contexts) {
    this.service = service;
    this.callingAe = callingAe;
    this.contexts = contexts;
  }

  @Override
  protected void evaluateStatusAndSetSuccess(AttributeList list) {
    // Part of PixelMed's handling of responses we receive as an SCU; an SCP never gets here.
  }

  @Override
  public void sendPDataIndication(PDataPDU pdata, Association association)
      throws DicomNetworkException, DicomException, IOException {
    for (Object item : pdata.getPDVList()) {
      PresentationDataValue pdv = (PresentationDataValue) item;
      if (pdv.isCommand()) {
        command.writeBytes(pdv.getValue());
        if (pdv.isLastFragment()) {
          onCommand(pdv.getPresentationContextID(), association);
        }
      } else {
        onData(pdv, association);
      }
    }
  }

  private void onData(PresentationDataValue pdv, Association association)
      throws DicomNetworkException {
    if (current == null) {
      throw new DicomNetworkException("data set fragment without a C-STORE command");
    }
    byte[] value = pdv.getValue();
    dataBytes += value.length;
    current.data(value);
    if (pdv.isLastFragment()) {
      StoreOperation done = current;
      current = null;
      respond(done, done.end(), association);
    }
  }

  private void onCommand(byte contextId, Association association)
      throws DicomNetworkException, DicomException, IOException {
    byte[] bytes = command.toByteArray();
    command.reset();
    AttributeList list =
        CompositeResponseHandler.getAttributeListFromCommandOrData(
            bytes, TransferSyntax.ImplicitVRLittleEndian);
    int field = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.CommandField, -1);
    int messageId = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.MessageID, 0);
    String sopClass =
        Attribute.getSingleStringValueOrEmptyString(list, TagFromName.AffectedSOPClassUID);
    if (field == MessageServiceElementCommand.C_ECHO_RQ) {
      association.send(contextId, ResponseEncoder.echoResponse(sopClass, messageId), null);
      LOG.debug("C-ECHO answered");
    } else if (field == MessageServiceElementCommand.C_STORE_RQ) {
      String instance =
          Attribute.getSingleStringValueOrEmptyString(list, TagFromName.AffectedSOPInstanceUID);
      current = service.begin(storeRequest(contextId, sopClass, instance, messageId));
    } else {
      // Only Verification and Storage contexts are ever accepted, so this is a broken peer.
      throw new DicomNetworkException(String.format("unexpected DIMSE command 0x%04X", field));
    }
  }

  private StoreRequest storeRequest(byte contextId, String sopClass, String instance, int id) {
    StorePolicy.Accepted context = contexts.get(contextId);
    return new StoreRequest(
        contextId,
        context == null ? null : context.sopClassUid(),
        context == null ? null : context.transferSyntaxUid(),
        sopClass.trim(),
        instance.trim(),
        id,
        callingAe);
  }

  private void respond(StoreOperation op, StoreService.Outcome outcome, Association association)
      throws DicomNetworkException {
    StoreRequest request = op.request();
    if (outcome.seriesUid() == null) {
      refused++;
    } else {
      int[] counts = perSeries.computeIfAbsent(outcome.seriesUid(), s -> new int[2]);
      counts[outcome.duplicate() ? 1 : 0]++;
    }
    byte[] rsp =
        ResponseEncoder.storeResponse(
            request.sopClassUid(),
            request.sopInstanceUid(),
            request.messageId(),
            outcome.response());
    association.send(request.contextId(), rsp, null);
    MDC.remove("series");
  }

  /** Removes the temporary file of a C-STORE cut off by the end of the association. */
  void abandon() {
    if (current != null) {
      LOG.warn(
          "association ended in the middle of instance {}", current.request().sopInstanceUid());
      current.discard();
      current = null;
    }
  }

  /** One INFO line per series batch received on this association. */
  void logBatches() {
    for (Map.Entry<String, int[]> entry : perSeries.entrySet()) {
      MDC.put("series", entry.getKey());
      LOG.info(
          "received batch: {} instance(s) stored, {} duplicate(s)",
          entry.getValue()[0],
          entry.getValue()[1]);
    }
    MDC.remove("series");
  }

  int stored() {
    return perSeries.values().stream().mapToInt(c -> c[0]).sum();
  }

  int duplicates() {
    return perSeries.values().stream().mapToInt(c -> c[1]).sum();
  }

  int refused() {
    return refused;
  }

  long dataBytes() {
    return dataBytes;
  }
}
