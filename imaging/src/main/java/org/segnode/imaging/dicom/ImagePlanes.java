package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.List;
import org.segnode.imaging.volume.Vec3;

/**
 * Frame geometry from the Image Plane module of classic single-frame images, or from the Shared and
 * Per-frame Functional Groups of enhanced multi-frame images (a macro in the per-frame item
 * overrides the shared one, as the standard says). Frames with neither Image Position nor Image
 * Orientation (Patient) get an assumed geometry instead, as {@link DicomSeriesReader} documents;
 * classic multi-frame objects are only accepted that way, since their frames share one position.
 */
final class ImagePlanes {
  private ImagePlanes() {}

  static List<FrameGeometry> of(DicomInstance instance) throws DicomReadException {
    AttributeList header = instance.header();
    int frames = instance.pixels().frames();
    SequenceAttribute perFrame =
        (SequenceAttribute) header.get(TagFromName.PerFrameFunctionalGroupsSequence);
    if (perFrame != null) {
      return enhanced(instance, perFrame);
    }
    if (frames == 1) {
      return List.of(frame(header, header, header, header, instance, 0));
    }
    if (placed(header, header)) {
      // One position for many frames: a cine loop or a series we cannot tell apart, not a stack.
      throw new DicomReadException(
          instance.file(),
          "expected a single frame, or a Per-frame Functional Groups Sequence (5200,9230) giving"
              + " each frame's position, found "
              + frames
              + " frames at one Image Position (Patient) without one");
    }
    List<FrameGeometry> out = new ArrayList<>(frames);
    for (int f = 0; f < frames; f++) {
      out.add(frame(header, header, header, header, instance, f + 1));
    }
    return out;
  }

  private static List<FrameGeometry> enhanced(DicomInstance instance, SequenceAttribute perFrame)
      throws DicomReadException {
    int frames = instance.pixels().frames();
    if (perFrame.getNumberOfItems() != frames) {
      throw new DicomReadException(
          instance.file(),
          "expected "
              + frames
              + " Per-frame Functional Groups items (one per frame), found "
              + perFrame.getNumberOfItems());
    }
    AttributeList shared =
        SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
            instance.header(), TagFromName.SharedFunctionalGroupsSequence);
    List<FrameGeometry> out = new ArrayList<>(frames);
    for (int f = 0; f < frames; f++) {
      AttributeList item = perFrame.getItem(f).getAttributeList();
      out.add(
          frame(
              macro(item, shared, TagFromName.PlanePositionSequence),
              macro(item, shared, TagFromName.PlaneOrientationSequence),
              macro(item, shared, TagFromName.PixelMeasuresSequence),
              macro(item, shared, TagFromName.PixelValueTransformationSequence),
              instance,
              f + 1));
    }
    return out;
  }

  /** The single item of a functional group macro, per-frame first, then shared; may be empty. */
  private static AttributeList macro(AttributeList item, AttributeList shared, AttributeTag seq) {
    AttributeList found =
        SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(item, seq);
    if (found == null && shared != null) {
      found = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(shared, seq);
    }
    return found == null ? new AttributeList() : found;
  }

  private static FrameGeometry frame(
      AttributeList position,
      AttributeList orientation,
      AttributeList measures,
      AttributeList transform,
      DicomInstance instance,
      int frameNumber)
      throws DicomReadException {
    if (!placed(position, orientation)) {
      return assumed(measures, transform, instance.header());
    }
    Where at = new Where(instance, frameNumber);
    double[] ipp =
        values(position, TagFromName.ImagePositionPatient, "Image Position (Patient)", 3, at);
    double[] iop =
        values(
            orientation, TagFromName.ImageOrientationPatient, "Image Orientation (Patient)", 6, at);
    double[] spacing = values(measures, TagFromName.PixelSpacing, "Pixel Spacing", 2, at);
    double[] row = {iop[0], iop[1], iop[2]};
    double[] col = {iop[3], iop[4], iop[5]};
    requireUsable(row, col, spacing, at);
    return geometry(ipp, row, col, spacing, measures, transform, false);
  }

  /**
   * Whether either half of the patient geometry is given; only when both are absent is it assumed.
   */
  private static boolean placed(AttributeList position, AttributeList orientation) {
    return present(position, TagFromName.ImagePositionPatient)
        || present(orientation, TagFromName.ImageOrientationPatient);
  }

  private static boolean present(AttributeList list, AttributeTag tag) {
    Attribute a = list.get(tag);
    return a != null && a.getVM() > 0;
  }

  /** Identity orientation at the origin; the reader's Javadoc documents these choices. */
  private static FrameGeometry assumed(
      AttributeList measures, AttributeList transform, AttributeList header) {
    return geometry(
        new double[3],
        new double[] {1, 0, 0},
        new double[] {0, 1, 0},
        assumedSpacing(measures, header),
        measures,
        transform,
        true);
  }

  /** Placement plus what every frame reads the same way: thickness, slice spacing, rescale. */
  private static FrameGeometry geometry(
      double[] ipp,
      double[] row,
      double[] col,
      double[] spacing,
      AttributeList measures,
      AttributeList transform,
      boolean assumed) {
    return new FrameGeometry(
        ipp,
        row,
        col,
        spacing[1],
        spacing[0],
        number(measures, TagFromName.SliceThickness, Double.NaN),
        number(measures, TagFromName.SpacingBetweenSlices, Double.NaN),
        number(transform, TagFromName.RescaleSlope, 1.0),
        number(transform, TagFromName.RescaleIntercept, 0.0),
        assumed);
  }

  /**
   * Pixel Spacing, else Imager Pixel Spacing (projection images such as XA give only the detector
   * plane's), else 1 mm: the best in-plane size available without patient geometry.
   */
  private static double[] assumedSpacing(AttributeList measures, AttributeList header) {
    for (AttributeList list : List.of(measures, header)) {
      for (AttributeTag tag : List.of(TagFromName.PixelSpacing, TagFromName.ImagerPixelSpacing)) {
        double[] v = Attribute.getDoubleValues(list, tag);
        if (v != null && v.length == 2 && v[0] > 0 && v[1] > 0) {
          return v;
        }
      }
    }
    return new double[] {1, 1};
  }

  private static void requireUsable(double[] row, double[] col, double[] spacing, Where at)
      throws DicomReadException {
    double rowNorm = Vec3.norm(row);
    double colNorm = Vec3.norm(col);
    double dot = Vec3.dot(row, col);
    if (Math.abs(rowNorm - 1) > 1e-3 || Math.abs(colNorm - 1) > 1e-3 || Math.abs(dot) > 1e-3) {
      throw at.error(
          "expected Image Orientation (Patient) to be two orthonormal unit vectors, found norms "
              + rowNorm
              + ", "
              + colNorm
              + " and dot product "
              + dot);
    }
    if (!(spacing[0] > 0 && spacing[1] > 0)) {
      throw at.error("expected a positive Pixel Spacing, found " + spacing[0] + "\\" + spacing[1]);
    }
  }

  private static double[] values(
      AttributeList list, AttributeTag tag, String name, int count, Where at)
      throws DicomReadException {
    double[] v = Attribute.getDoubleValues(list, tag);
    if (v == null || v.length != count) {
      throw at.error(
          "expected "
              + name
              + " "
              + tag
              + " with "
              + count
              + " values, found "
              + (v == null ? "none" : v.length + " values")
              + "; geometry is assumed only when Image Position and Orientation are both absent");
    }
    return v;
  }

  private static double number(AttributeList list, AttributeTag tag, double fallback) {
    double v = Attribute.getSingleDoubleValueOrDefault(list, tag, fallback);
    return Double.isFinite(v) ? v : fallback;
  }

  /** Names the instance, and the frame for multi-frame objects, in error messages. */
  private record Where(DicomInstance instance, int frameNumber) {
    DicomReadException error(String cause) {
      return frameNumber == 0
          ? new DicomReadException(instance.file(), cause)
          : new DicomReadException(instance.source(frameNumber), cause);
    }
  }
}
