package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import java.nio.file.Path;

/**
 * Turns the (already decompressed) Pixel Data attribute into stored values, one int per pixel, all
 * frames concatenated; colour pixels become their luminance ({@link ColourToGrey}). Stored values
 * are what dcmtk's decompressors write: bits above Bits Stored are masked off and signed values are
 * sign-extended, so they can be compared 1:1.
 *
 * <p>PixelMed 20220618 decompresses encapsulated Pixel Data while reading ({@code
 * AttributeList.read} with its default {@code setDecompressPixelData(true)}), leaving an OW
 * attribute for 16-bit and OB for 8-bit data; this class only has to unpack them.
 */
final class PixelDecoder {
  private PixelDecoder() {}

  static int[] storedValues(Attribute pixelData, PixelModule m, Path file)
      throws DicomReadException {
    try {
      int[] samples =
          m.bitsAllocated() == 16 ? from16(pixelData, m, file) : from8(pixelData, m, file);
      return m.isColour() ? ColourToGrey.luminance(samples, m) : samples;
    } catch (DicomException e) {
      throw new DicomReadException(file, "cannot unpack Pixel Data: " + e.getMessage(), e);
    }
  }

  private static int[] from16(Attribute pixelData, PixelModule m, Path file)
      throws DicomException, DicomReadException {
    short[] words;
    if (pixelData instanceof OtherByteAttribute) {
      words = littleEndianWords(pixelData.getByteValues());
    } else {
      words = pixelData.getShortValues();
    }
    requireLength(words == null ? 0 : words.length, m, file);
    int[] out = new int[m.storedSampleCount()];
    for (int n = 0; n < out.length; n++) {
      out[n] = normalise(words[n] & 0xffff, m);
    }
    return out;
  }

  private static int[] from8(Attribute pixelData, PixelModule m, Path file)
      throws DicomException, DicomReadException {
    // 8-bit data in an OW element (dcmtk writes it so): pixel n is byte n in little-endian order.
    byte[] bytes =
        pixelData instanceof OtherWordAttribute ow
            ? ow.getByteValues(false)
            : pixelData.getByteValues();
    requireLength(bytes == null ? 0 : bytes.length, m, file);
    int[] out = new int[m.storedSampleCount()];
    for (int n = 0; n < out.length; n++) {
      out[n] = normalise(bytes[n] & 0xff, m);
    }
    return out;
  }

  private static int normalise(int raw, PixelModule m) {
    int bits = m.bitsStored();
    if (m.signed()) {
      int shift = 32 - bits;
      return (raw << shift) >> shift;
    }
    return raw & (int) ((1L << bits) - 1);
  }

  private static short[] littleEndianWords(byte[] bytes) {
    short[] words = new short[bytes.length / 2];
    for (int n = 0; n < words.length; n++) {
      words[n] = (short) ((bytes[2 * n] & 0xff) | (bytes[2 * n + 1] & 0xff) << 8);
    }
    return words;
  }

  private static void requireLength(int found, PixelModule m, Path file) throws DicomReadException {
    if (found < m.storedSampleCount()) {
      throw new DicomReadException(
          file,
          String.format(
              "Pixel Data too short: expected %d samples (%d rows x %d columns x %d frames, %s,"
                  + " %d bits), found %d; file truncated?",
              m.storedSampleCount(),
              m.rows(),
              m.columns(),
              m.frames(),
              m.colour(),
              m.bitsAllocated(),
              found));
    }
  }
}
