package org.segnode.imaging.seg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the compressed frames of encapsulated Pixel Data straight from the file, for transfer
 * syntaxes PixelMed's 2022 release does not know (Deflated Image Frame Compression, 2023), where it
 * keeps no frame data at all. Encapsulation is always explicit VR little endian (PS3.5 A.4).
 */
final class EncapsulatedFrames {
  private static final byte[] PIXEL_DATA_UNDEFINED_LENGTH = {
    (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1
  };

  private EncapsulatedFrames() {}

  static byte[][] read(Path file, int frames) throws IOException, SegReadException {
    byte[] data = Files.readAllBytes(file);
    int start = lastIndexOf(data, PIXEL_DATA_UNDEFINED_LENGTH);
    if (start < 0) {
      throw new SegReadException(file + ": expected encapsulated Pixel Data, found none");
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    in.position(start + PIXEL_DATA_UNDEFINED_LENGTH.length);
    List<byte[]> items = items(in, file);
    if (items.size() < 2) {
      throw new SegReadException(
          file + ": expected an offset table and fragments, found " + items.size() + " items");
    }
    return group(items.get(0), items.subList(1, items.size()), frames, file);
  }

  private static List<byte[]> items(ByteBuffer in, Path file) throws SegReadException {
    List<byte[]> items = new ArrayList<>();
    while (in.remaining() >= 8) {
      int group = in.getShort() & 0xffff;
      int element = in.getShort() & 0xffff;
      long length = in.getInt() & 0xffffffffL;
      if (group == 0xFFFE && element == 0xE0DD) {
        return items;
      }
      if (group != 0xFFFE || element != 0xE000 || length > in.remaining()) {
        throw new SegReadException(
            String.format(
                "%s: expected a Pixel Data item, found (%04X,%04X) of length %d",
                file, group, element, length));
      }
      byte[] item = new byte[(int) length];
      in.get(item);
      items.add(item);
    }
    throw new SegReadException(file + ": Pixel Data ends without a sequence delimiter");
  }

  /** One fragment per frame, or fragments joined by the Basic Offset Table's frame starts. */
  private static byte[][] group(byte[] offsetTable, List<byte[]> fragments, int frames, Path file)
      throws SegReadException {
    if (fragments.size() == frames) {
      return fragments.toArray(byte[][]::new);
    }
    if (offsetTable.length != 4 * frames) {
      throw new SegReadException(
          file
              + ": "
              + fragments.size()
              + " fragments for "
              + frames
              + " frames and no usable Basic Offset Table");
    }
    ByteBuffer table = ByteBuffer.wrap(offsetTable).order(ByteOrder.LITTLE_ENDIAN);
    long[] starts = new long[frames];
    for (int f = 0; f < frames; f++) {
      starts[f] = table.getInt() & 0xffffffffL;
    }
    byte[][] out = new byte[frames][];
    long position = 0;
    int frame = -1;
    ByteArrayOutputStream current = null;
    for (byte[] fragment : fragments) {
      if (frame + 1 < frames && position == starts[frame + 1]) {
        if (current != null) {
          out[frame] = current.toByteArray();
        }
        frame++;
        current = new ByteArrayOutputStream();
      }
      current.write(fragment, 0, fragment.length);
      position += 8 + fragment.length;
    }
    out[frame] = current.toByteArray();
    return out;
  }

  private static int lastIndexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = data.length - pattern.length; i >= 0; i--) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
