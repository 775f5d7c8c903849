package org.segnode.node.dicom;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The statuses we answer C-STORE and C-ECHO with (PS3.4 B.2.3, PS3.7 Annex C), and the one place
 * where a failure becomes a status and an Error Comment.
 */
final class DimseStatus {
  static final int SUCCESS = 0x0000;
  static final int PROCESSING_FAILURE = 0x0110;
  static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
  static final int OUT_OF_RESOURCES = 0xA700;
  static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
  static final int CANNOT_UNDERSTAND = 0xC000;

  /** Error Comment (0000,0902) is LO: at most 64 characters, no backslash or control chars. */
  static final int MAX_COMMENT = 64;

  /** A status with its Error Comment (null for success). */
  record Response(int status, String comment) {
    static final Response OK = new Response(SUCCESS, null);
  }

  private DimseStatus() {}

  /**
   * Refusals keep their own status; I/O on the spool (a full disk, the watermark) is Out of
   * Resources because retrying later can succeed; the database and anything unexpected are a
   * Processing Failure.
   */
  static Response of(Exception failure) {
    String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    if (failure instanceof StoreRefusedException refused) {
      return new Response(refused.status(), comment(reason));
    }
    if (failure instanceof IOException) {
      return new Response(OUT_OF_RESOURCES, comment("out of resources: " + reason));
    }
    if (failure instanceof SQLException) {
      return new Response(PROCESSING_FAILURE, comment("database error: " + reason));
    }
    return new Response(PROCESSING_FAILURE, comment("processing failure: " + reason));
  }

  static String comment(String text) {
    String clean = text.replaceAll("[\\\\\\p{Cntrl}]", " ").strip();
    return clean.length() <= MAX_COMMENT ? clean : clean.substring(0, MAX_COMMENT - 3) + "...";
  }
}
