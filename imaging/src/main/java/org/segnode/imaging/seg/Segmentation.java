package org.segnode.imaging.seg;

import java.util.List;

/**
 * A Segmentation object as read: its segments and frames, each frame placed by its own position and
 * source reference. {@link SegRasterizer} turns it into a label volume.
 *
 * @param type BINARY, FRACTIONAL or LABELMAP
 * @param maxFractional Maximum Fractional Value for FRACTIONAL objects, else 1
 */
public record Segmentation(
    String sopInstanceUid,
    String type,
    int rows,
    int columns,
    int maxFractional,
    List<SegmentInfo> segments,
    List<SegFrame> frames,
    String referencedSeriesUid,
    String frameOfReferenceUid) {

  /** A segment as listed in the Segment Sequence. */
  public record SegmentInfo(int number, String label, Code category, Code type) {}

  /**
   * One frame.
   *
   * @param segmentNumber the frame's Referenced Segment Number, 0 for LABELMAP frames (whose pixel
   *     values are segment numbers)
   * @param position Image Position (Patient), or null where the object has none (slide images)
   * @param rowDir first Image Orientation (Patient) triplet, or null
   * @param colDir second triplet, or null
   * @param pixelSpacing row spacing then column spacing, or null
   * @param sourceSopInstanceUid the source image this frame was derived from, or null
   * @param sourceFrame that image's frame number, 0 for a single-frame image
   * @param pixels one value per pixel, row by row: 0/1 for BINARY, the stored fraction for
   *     FRACTIONAL, the segment number for LABELMAP
   */
  public record SegFrame(
      int segmentNumber,
      double[] position,
      double[] rowDir,
      double[] colDir,
      double[] pixelSpacing,
      double spacingBetweenSlices,
      String sourceSopInstanceUid,
      int sourceFrame,
      byte[] pixels) {}

  /** Whether a stored pixel value puts the pixel in its segment (fractions thresholded at 0.5). */
  boolean isSet(int value) {
    return switch (type) {
      case "FRACTIONAL" -> value * 2 >= maxFractional && value > 0;
      default -> value != 0;
    };
  }

  /** The label a set pixel of {@code frame} carries. */
  int labelOf(SegFrame frame, int value) {
    return "LABELMAP".equals(type) ? value : frame.segmentNumber();
  }
}
