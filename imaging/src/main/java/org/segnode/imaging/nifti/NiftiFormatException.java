package org.segnode.imaging.nifti;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a NIfTI-1 volume SegNode can read. The message is one line: the file, what was
 * expected and what was found.
 */
public class NiftiFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public NiftiFormatException(String source, String expected, String found) {
    super(source + ": expected " + expected + ", found " + found);
  }

  public NiftiFormatException(Path file, String expected, String found) {
    this(String.valueOf(file), expected, found);
  }
}
