package org.segnode.node.dicom;

import java.io.IOException;
import org.segnode.node.spool.Spool;

/**
 * One C-STORE in progress: data fragments go to the spool's temporary file as they arrive. After
 * the first failure the rest of the data is only read off the wire, so the association stays in
 * step and the failure is answered once the data set has ended.
 */
final class StoreOperation {
  private final StoreRequest request;
  private final StoreService service;
  private Spool.Incoming file;
  private Exception failure;

  StoreOperation(StoreRequest request, StoreService service, Spool.Incoming file, Exception e) {
    this.request = request;
    this.service = service;
    this.file = file;
    this.failure = e;
  }

  StoreRequest request() {
    return request;
  }

  void data(byte[] value) {
    if (failure != null) {
      return;
    }
    try {
      file.write(value, 0, value.length);
    } catch (IOException e) {
      failure = e;
      discard();
    }
  }

  /** Commits the instance, or discards everything written and answers the failure. */
  StoreService.Outcome end() {
    if (failure == null) {
      try {
        return service.commit(request, file);
      } catch (Exception e) {
        failure = e;
      }
    }
    discard();
    DimseStatus.Response response = DimseStatus.of(failure);
    service.refused(request, response, failure);
    return new StoreService.Outcome(response, null, false);
  }

  /** Also called when the association ends in the middle of a data set. */
  void discard() {
    if (file != null) {
      file.discard();
      file = null;
    }
  }
}
