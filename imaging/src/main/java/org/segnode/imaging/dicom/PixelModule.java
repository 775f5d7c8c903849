package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;

/** The Image Pixel module attributes SegNode relies on, validated for one instance. */
record PixelModule(
    int rows,
    int columns,
    int frames,
    int bitsAllocated,
    int bitsStored,
    boolean signed,
    boolean monochrome1) {

  int frameSize() {
    return rows * columns;
  }

  int sampleCount() {
    return frameSize() * frames;
  }

  static PixelModule of(AttributeList list, Path file) throws DicomReadException {
    requireGrey(list, file);
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
        photometric.equals("MONOCHROME1"));
  }

  private static void requireGrey(AttributeList list, Path file) throws DicomReadException {
    int samples = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
    String photometric = photometric(list);
    if (samples != 1 || !photometric.startsWith("MONOCHROME")) {
      throw new DicomReadException(
          file,
          "expected a grey image (Photometric Interpretation MONOCHROME1/2, 1 sample per pixel),"
              + " found "
              + (photometric.isEmpty() ? "none" : photometric)
              + " with "
              + samples
              + " sample(s) per pixel; colour and palette images are not supported");
    }
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
