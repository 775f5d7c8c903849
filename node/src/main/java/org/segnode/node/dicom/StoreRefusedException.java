package org.segnode.node.dicom;

/** A C-STORE we refuse for a reason of the object itself, with the DIMSE status to send. */
final class StoreRefusedException extends Exception {
  private final int status;

  StoreRefusedException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  int status() {
    return status;
  }
}
