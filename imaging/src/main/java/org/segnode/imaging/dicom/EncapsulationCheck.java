package org.segnode.imaging.dicom;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Detects encapsulated Pixel Data cut short. PixelMed 20220618 accepts a missing Sequence
 * Delimitation Item with only a message on stderr, and some decoders (JPEG 2000) then return a
 * full-size frame from a partial codestream, so a truncated file would pass every length check. A
 * complete file ends with the delimiter (FFFE,E0DD), optionally followed by Data Set Trailing
 * Padding (FFFC,FFFC).
 */
final class EncapsulationCheck {
  private static final byte[] DELIMITER = {
    (byte) 0xfe, (byte) 0xff, (byte) 0xdd, (byte) 0xe0, 0, 0, 0, 0
  };
  private static final byte[] TRAILING_PADDING = {
    (byte) 0xfc, (byte) 0xff, (byte) 0xfc, (byte) 0xff
  };
  private static final int TAIL_BYTES = 1 << 20;

  private EncapsulationCheck() {}

  static void requireTerminated(Path file) throws DicomReadException {
    byte[] tail = readTail(file);
    for (int at = tail.length - DELIMITER.length; at >= 0; at--) {
      if (matches(tail, at, DELIMITER)) {
        int after = at + DELIMITER.length;
        if (after == tail.length || matches(tail, after, TRAILING_PADDING)) {
          return;
        }
        break;
      }
    }
    throw new DicomReadException(
        file,
        "encapsulated Pixel Data not terminated: expected a Sequence Delimitation Item"
            + " (FFFE,E0DD) at the end of the file, found none; file truncated?");
  }

  private static boolean matches(byte[] data, int at, byte[] pattern) {
    if (at + pattern.length > data.length) {
      return false;
    }
    for (int n = 0; n < pattern.length; n++) {
      if (data[at + n] != pattern[n]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] readTail(Path file) throws DicomReadException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      int n = (int) Math.min(size, TAIL_BYTES);
      byte[] tail = new byte[n];
      in.seek(size - n);
      in.readFully(tail);
      return tail;
    } catch (IOException e) {
      throw new DicomReadException(file, "cannot read file: " + e.getMessage(), e);
    }
  }
}
