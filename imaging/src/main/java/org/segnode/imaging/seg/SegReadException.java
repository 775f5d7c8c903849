package org.segnode.imaging.seg;

/** A SEG that cannot be read, with a one-line message naming the file and the cause. */
public class SegReadException extends Exception {
  public SegReadException(String message) {
    super(message);
  }

  public SegReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
