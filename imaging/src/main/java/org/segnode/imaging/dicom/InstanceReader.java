package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates one DICOM file. PixelMed's {@code AttributeList.read} returns a partial list
 * without throwing for damaged or truncated files, so every property this project relies on is
 * checked here: transfer syntax decodable, Pixel Data present and as long as the pixel module says,
 * encapsulated data terminated.
 */
final class InstanceReader {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceReader.class);

  private InstanceReader() {}

  static DicomInstance read(Path file) throws DicomReadException {
    String marker = sniff(file);
    AttributeList header = readList(file, null);
    String ts =
        Attribute.getSingleStringValueOrEmptyString(header, TagFromName.TransferSyntaxUID).trim();
    TransferSyntaxes.requireSupported(ts, file);
    AttributeList full = readList(file, ts);
    Attribute pixelData = full.get(TagFromName.PixelData);
    if (pixelData == null) {
      throw new DicomReadException(file, "expected Pixel Data (7FE0,0010), found none: " + marker);
    }
    PixelModule module = PixelModule.of(decodedPixelModule(header, full, file), file);
    int[] stored = PixelDecoder.storedValues(pixelData, module, file);
    if (TransferSyntaxes.isEncapsulated(ts)) {
      EncapsulationCheck.requireTerminated(file);
    }
    LOG.debug("read {} ({}, {})", file.getFileName(), TransferSyntaxes.name(ts), module);
    return new DicomInstance(file, ts, header, module, stored);
  }

  /**
   * The attributes describing Pixel Data as decoded. PixelMed converts JPEG-compressed YBR colour
   * to RGB (colour by pixel) while decompressing, and only says so once asked to correct the list.
   */
  private static AttributeList decodedPixelModule(
      AttributeList header, AttributeList full, Path file) throws DicomReadException {
    if (Attribute.getSingleIntegerValueOrDefault(header, TagFromName.SamplesPerPixel, 1) == 1) {
      return header;
    }
    try {
      full.correctDecompressedImagePixelModule();
      return full;
    } catch (DicomException e) {
      throw new DicomReadException(file, "cannot describe the decoded colour Pixel Data: " + e, e);
    }
  }

  /**
   * Cheap checks that give a better message than PixelMed would, and a description of the file's
   * start for the "no Pixel Data" case (which PixelMed reports for anything it cannot parse).
   */
  private static String sniff(Path file) throws DicomReadException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new DicomReadException(file, "expected a readable regular file, found none");
    }
    byte[] start = new byte[132];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(start, 0, start.length);
    } catch (IOException e) {
      throw new DicomReadException(file, "cannot read file: " + e.getMessage(), e);
    }
    if (n == 0) {
      throw new DicomReadException(file, "expected a DICOM file, found an empty file (0 bytes)");
    }
    if (n >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b) {
      throw new DicomReadException(
          file, "expected a DICOM file, found gzip-compressed data (gunzip it first)");
    }
    boolean dicm = n == 132 && new String(start, 128, 4, StandardCharsets.US_ASCII).equals("DICM");
    return dicm
        ? "truncated file or not an image"
        : "no 'DICM' marker at byte 128 (not DICOM, damaged, or a raw dataset without image)";
  }

  /** Reads up to Pixel Data when {@code ts} is null, else everything, decompressing on the way. */
  private static AttributeList readList(Path file, String ts) throws DicomReadException {
    AttributeList list = new AttributeList();
    try {
      if (ts == null) {
        list.read(file.toFile(), TagFromName.PixelData);
      } else {
        list.setDecompressPixelData(true);
        list.read(file.toFile());
      }
      return list;
    } catch (IOException | DicomException | RuntimeException e) {
      String what =
          ts == null
              ? "cannot parse as DICOM: "
              : "cannot read or decode Pixel Data encoded as "
                  + (ts.isEmpty()
                      ? "a guessed native syntax"
                      : TransferSyntaxes.name(ts) + " (" + ts + ")")
                  + ": ";
      throw new DicomReadException(file, what + e, e);
    }
  }
}
