package org.segnode.node.dicom;

import java.io.IOException;
import java.io.OutputStream;

/** The A-ASSOCIATE-RJ answers we give (PS3.8 Table 9-21): result, source and reason. */
enum AssociateReject {
  CALLING_AE_NOT_RECOGNIZED(1, 1, 3, "calling AE title not recognized"),
  CALLED_AE_NOT_RECOGNIZED(1, 1, 7, "called AE title not recognized"),
  LOCAL_LIMIT_EXCEEDED(2, 3, 2, "local limit exceeded (too many associations)");

  private final int result;
  private final int source;
  private final int reason;
  private final String text;

  AssociateReject(int result, int source, int reason, String text) {
    this.result = result;
    this.source = source;
    this.reason = reason;
    this.text = text;
  }

  String text() {
    return text;
  }

  /** Writes the 10-byte PDU: type 0x03, length 4, reserved, result, source, reason. */
  void writeTo(OutputStream out) throws IOException {
    out.write(new byte[] {0x03, 0, 0, 0, 0, 4, 0, (byte) result, (byte) source, (byte) reason});
    out.flush();
  }
}
