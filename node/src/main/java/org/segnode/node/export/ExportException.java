package org.segnode.node.export;

/** An export that did not reach its destination; the message is one line for status and logs. */
public final class ExportException extends Exception {
  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
