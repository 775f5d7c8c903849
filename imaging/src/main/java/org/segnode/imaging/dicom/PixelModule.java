package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.Set;

/**
 * The Image Pixel module attributes SegNode relies on, validated for one instance.
 *
 * <p>For colour images the attributes must describe the Pixel Data as decoded, not as encoded:
 * PixelMed converts JPEG's YBR to RGB while decompressing, which its {@code
 * correctDecompressedImagePixelModule} records.
 *
 * @param colour how the samples of one pixel are laid out
 * @param planar Planar Configuration 1 (colour by plane) rather than 0 (colour by pixel)
 */
record PixelModule(
    int rows,
    int columns,
    int frames,
    int bitsAllocated,
    int bitsStored,
    boolean signed,
    boolean monochrome1,
    Colour colour,
    boolean planar) {

  /** The layouts read; luminance is derived from them by {@link ColourToGrey}. */
  enum Colour {
    GREY(1),
    RGB(3),
    YBR_FULL(3),
    /** Native only: each pair of pixels is stored as Y1 Y2 Cb Cr (PS3.3 C.7.6.3.1.2). */
    YBR_FULL_422(2);

    /** Stored samples per pixel, on average. */
    final int samples;

    Colour(int samples) {
      this.samples = samples;
    }
  }

  int frameSize() {
    return rows * columns;
  }

  /** Values after colour conversion: one per pixel. */
  int sampleCount() {
    return frameSize() * frames;
  }

  /** Samples in the decoded Pixel Data, before colour conversion. */
  int storedSampleCount() {
    return sampleCount() * colour.samples;
  }

  boolean isColour() {
    return colour != Colour.GREY;
  }

  static PixelModule of(AttributeList list, Path file) throws DicomReadException {
    Colour colour = colour(list, file);
    int rows = positive(list, TagFromName.Rows, "Rows", file);
    int columns = positive(list, TagFromName.Columns, "Columns", file);
    int frames = frameCount(list, file);
    int allocated = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, -1);
    if (allocated != 8 && allocated != 16) {
      throw new DicomReadException(
          file,
          "expected Bits Allocated 8 or 16, found " + describe(list, TagFromName.BitsAllocated));
    }
    int stored = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, allocated);
    if (stored < 1 || stored > allocated) {
      throw new DicomReadException(
          file, "expected Bits Stored between 1 and " + allocated + ", found " + stored);
    }
    int representation =
        Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0);
    String photometric = photometric(list);
    return new PixelModule(
        rows,
        columns,
        frames,
        allocated,
        stored,
        representation == 1,
        photometric.equals("MONOCHROME1"),
        colour,
        Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PlanarConfiguration, 0) == 1);
  }

  private static Colour colour(AttributeList list, Path file) throws DicomReadException {
    int samples = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
    String photometric = photometric(list);
    if (samples == 1 && photometric.startsWith("MONOCHROME")) {
      return Colour.GREY;
    }
    if (samples == 3 && Set.of("RGB", "YBR_FULL", "YBR_FULL_422").contains(photometric)) {
      Colour colour = Colour.valueOf(photometric);
      int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
      if (colour == Colour.YBR_FULL_422 && columns % 2 != 0) {
        throw new DicomReadException(
            file, "expected an even number of Columns for YBR_FULL_422, found " + columns);
      }
      return colour;
    }
    throw new DicomReadException(
        file,
        "expected a grey (MONOCHROME1/2, 1 sample per pixel) or colour (RGB, YBR_FULL,"
            + " YBR_FULL_422, 3 samples per pixel) image, found "
            + (photometric.isEmpty() ? "none" : photometric)
            + " with "
            + samples
            + " sample(s) per pixel; palette and other colour models are not supported");
  }

  private static String photometric(AttributeList list) {
    return Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PhotometricInterpretation)
        .trim();
  }

  private static int positive(AttributeList list, AttributeTag tag, String name, Path file)
      throws DicomReadException {
    int value = Attribute.getSingleIntegerValueOrDefault(list, tag, -1);
    if (value <= 0) {
      throw new DicomReadException(
          file, "expected a positive " + name + " " + tag + ", found " + describe(list, tag));
    }
    return value;
  }

  private static int frameCount(AttributeList list, Path file) throws DicomReadException {
    String text = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.NumberOfFrames);
    if (text.isBlank()) {
      return 1;
    }
    try {
      int frames = Integer.parseInt(text.trim());
      if (frames > 0) {
        return frames;
      }
    } catch (NumberFormatException e) {
      // reported below with the offending text
    }
    throw new DicomReadException(
        file, "expected Number of Frames to be a positive integer, found '" + text + "'");
  }

  static String describe(AttributeList list, AttributeTag tag) {
    Attribute a = list.get(tag);
    if (a == null) {
      return "none";
    }
    String value = Attribute.getDelimitedStringValuesOrEmptyString(list, tag);
    return value.isEmpty() ? "an empty value" : "'" + value + "'";
  }
}
