package org.segnode.imaging.dicom;

import java.nio.file.Path;

/**
 * A DICOM file or series that SegNode refuses to read. The message is always one line naming the
 * file (and, once known, the SOP Instance UID and frame) and what was expected versus found, so it
 * can go straight into a log line or a command-line error.
 */
public class DicomReadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public DicomReadException(Path file, String cause) {
    this(file, cause, null);
  }

  public DicomReadException(Path file, String cause, Throwable underlying) {
    super(oneLine(name(file) + ": " + cause), underlying);
    this.file = file;
  }

  /** Names the instance (and frame, for multi-frame objects) that broke a series-level rule. */
  public DicomReadException(SourceSlice slice, String cause) {
    super(oneLine(describe(slice) + ": " + cause));
    this.file = slice.file();
  }

  /** The offending file, or null for a problem with the input as a whole. */
  public Path file() {
    return file;
  }

  static String describe(SourceSlice slice) {
    String frame = slice.frameNumber() > 0 ? ", frame " + slice.frameNumber() : "";
    return name(slice.file()) + " (SOP Instance UID " + slice.sopInstanceUid() + frame + ")";
  }

  private static String name(Path file) {
    if (file == null) {
      return "(no file)";
    }
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
