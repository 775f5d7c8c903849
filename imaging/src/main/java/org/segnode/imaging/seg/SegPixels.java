package org.segnode.imaging.seg;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a SEG's Pixel Data into one byte per pixel per frame. Native BINARY data is bit-packed
 * across frames; encapsulated frames are decoded one by one, and then hold either one bit or one
 * byte per pixel depending on the writer, told apart by their decoded length.
 */
final class SegPixels {
  static final String RLE = "1.2.840.10008.1.2.5";
  static final String DEFLATED_IMAGE_FRAME = "1.2.840.10008.1.2.8.1";
  static final String JPEG2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
  static final String JPEG2000 = "1.2.840.10008.1.2.4.91";

  private SegPixels() {}

  static byte[][] decode(AttributeList list, Path file, int frames, int rows, int cols)
      throws SegReadException {
    Attribute pixelData = list.getPixelData();
    if (pixelData == null) {
      throw new SegReadException(file + ": expected Pixel Data, found none (truncated file?)");
    }
    if (rows <= 0 || cols <= 0 || frames <= 0) {
      throw new SegReadException(
          file
              + ": expected positive Rows, Columns, Number of Frames, found "
              + rows
              + ", "
              + cols
              + ", "
              + frames);
    }
    try {
      if (pixelData instanceof OtherByteAttributeMultipleCompressedFrames encapsulated) {
        return decodeEncapsulated(list, encapsulated, file, frames, rows * cols);
      }
      return decodeNative(list, pixelData, file, frames, rows * cols);
    } catch (DicomException | IOException | DataFormatException e) {
      throw new SegReadException(file + ": cannot decode Pixel Data (" + e.getMessage() + ")", e);
    }
  }

  private static byte[][] decodeNative(
      AttributeList list, Attribute pixelData, Path file, int frames, int frameSize)
      throws DicomException, SegReadException {
    int bits = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 0);
    byte[] raw =
        bits == 16 ? shortsToBytes(pixelData.getShortValues(), file) : pixelData.getByteValues();
    long needed = bits == 1 ? ((long) frames * frameSize + 7) / 8 : (long) frames * frameSize;
    if (bits != 1 && bits != 8 && bits != 16) {
      throw new SegReadException(file + ": expected Bits Allocated 1, 8 or 16, found " + bits);
    }
    if (raw.length < needed) {
      throw new SegReadException(
          file + ": expected " + needed + " bytes of Pixel Data, found " + raw.length);
    }
    byte[][] out = new byte[frames][];
    for (int f = 0; f < frames; f++) {
      out[f] = bits == 1 ? unpack(raw, (long) f * frameSize, frameSize) : slice(raw, f, frameSize);
    }
    return out;
  }

  /** LABELMAP objects may store 16-bit segment numbers; ours are bytes, so refuse the rest. */
  private static byte[] shortsToBytes(short[] values, Path file) throws SegReadException {
    byte[] out = new byte[values.length];
    for (int n = 0; n < values.length; n++) {
      int v = values[n] & 0xffff;
      if (v > 255) {
        throw new SegReadException(file + ": expected segment numbers up to 255, found " + v);
      }
      out[n] = (byte) v;
    }
    return out;
  }

  private static byte[] slice(byte[] raw, int frame, int frameSize) {
    byte[] out = new byte[frameSize];
    System.arraycopy(raw, frame * frameSize, out, 0, frameSize);
    return out;
  }

  private static byte[] unpack(byte[] packed, long firstBit, int count) {
    byte[] out = new byte[count];
    for (int p = 0; p < count; p++) {
      long bit = firstBit + p;
      out[p] = (byte) ((packed[(int) (bit >>> 3)] >> (bit & 7)) & 1);
    }
    return out;
  }

  private static byte[][] decodeEncapsulated(
      AttributeList list,
      OtherByteAttributeMultipleCompressedFrames encapsulated,
      Path file,
      int frames,
      int frameSize)
      throws DicomException, IOException, DataFormatException, SegReadException {
    String ts = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID);
    if (ts.equals(JPEG2000_LOSSLESS) || ts.equals(JPEG2000)) {
      return decodeWithPixelMed(file, frames, frameSize);
    }
    byte[][] compressedFrames =
        ts.equals(DEFLATED_IMAGE_FRAME) ? EncapsulatedFrames.read(file, frames) : null;
    byte[][] out = new byte[frames][];
    for (int f = 0; f < frames; f++) {
      byte[] compressed =
          compressedFrames != null
              ? compressedFrames[f]
              : encapsulated.getByteValuesForSelectedFrame(f);
      byte[] decoded =
          switch (ts) {
            case RLE -> Rle.decode(compressed, file);
            case DEFLATED_IMAGE_FRAME -> inflate(compressed);
            default ->
                throw new SegReadException(
                    file
                        + ": unsupported transfer syntax "
                        + ts
                        + " for a SEG (expected native, RLE,"
                        + " deflated frames or JPEG 2000)");
          };
      out[f] = perFrame(decoded, frameSize, file, f);
    }
    return out;
  }

  /** A decoded frame holds one byte per pixel, or bits packed within the frame alone. */
  private static byte[] perFrame(byte[] decoded, int frameSize, Path file, int frame)
      throws SegReadException {
    if (decoded.length >= frameSize) {
      return decoded.length == frameSize ? decoded : java.util.Arrays.copyOf(decoded, frameSize);
    }
    if (decoded.length >= (frameSize + 7) / 8) {
      return unpack(decoded, 0, frameSize);
    }
    throw new SegReadException(
        file
            + ": frame "
            + (frame + 1)
            + " decoded to "
            + decoded.length
            + " bytes, expected "
            + frameSize
            + " (one per pixel) or "
            + (frameSize + 7) / 8
            + " (one bit per pixel)");
  }

  private static byte[] inflate(byte[] compressed) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    inflater.setInput(compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 8);
    byte[] buffer = new byte[65536];
    while (!inflater.finished()) {
      int n = inflater.inflate(buffer);
      if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
        break;
      }
      out.write(buffer, 0, n);
    }
    inflater.end();
    return out.toByteArray();
  }

  /** JPEG 2000 goes through PixelMed's decompression with the jai-imageio codec on the path. */
  private static byte[][] decodeWithPixelMed(Path file, int frames, int frameSize)
      throws DicomException, IOException, SegReadException {
    AttributeList decoded = new AttributeList();
    decoded.read(file.toFile());
    byte[] all = decoded.getPixelData().getByteValues();
    if (all.length < (long) frames * frameSize) {
      throw new SegReadException(
          file
              + ": JPEG 2000 frames decoded to "
              + all.length
              + " bytes, expected "
              + (long) frames * frameSize);
    }
    byte[][] out = new byte[frames][];
    for (int f = 0; f < frames; f++) {
      out[f] = slice(all, f, frameSize);
    }
    return out;
  }
}
