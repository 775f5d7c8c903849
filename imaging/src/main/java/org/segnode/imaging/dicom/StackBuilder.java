package org.segnode.imaging.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.Vec3;

/**
 * Checks that frames form one regular stack and orders them along the slice normal {@code rowDir x
 * colDir}, never by Instance Number (which scanners number in either direction). Frames without
 * patient geometry have no position to sort by, so they alone are ordered by Instance Number, then
 * file name, then frame number, and stacked along +z at their nominal spacing.
 */
final class StackBuilder {
  /** Largest difference of a direction cosine from the first slice's (about 0.06 degrees). */
  static final double ORIENTATION_TOLERANCE = 1e-3;

  /** Relative difference allowed between pixel spacings. */
  static final double SPACING_TOLERANCE = 1e-3;

  /** Slices closer than this along the normal are the same position. */
  static final double SAME_POSITION_MM = 0.01;

  /** A gap may differ from the median gap by this fraction (DS values are rounded) ... */
  static final double GAP_RELATIVE_TOLERANCE = 0.1;

  /** ... or by this many millimetres, whichever is larger. */
  static final double GAP_ABSOLUTE_TOLERANCE_MM = 0.05;

  /** Largest in-plane drift of a slice from the stack axis, as a fraction of the pixel size. */
  static final double AXIS_DRIFT_PIXELS = 0.1;

  record Stack(Grid grid, List<SliceCandidate> slices) {}

  private StackBuilder() {}

  static Stack build(List<SliceCandidate> input) throws DicomReadException {
    SliceCandidate first = input.get(0);
    for (SliceCandidate c : input) {
      requireSameSeries(first, c);
      requireSameMatrix(first, c);
      requireSamePlacement(first, c);
      requireSameOrientation(first, c);
      requireSameSpacing(first, c);
    }
    return first.geometry().assumed() ? assumedStack(input) : placedStack(input);
  }

  private static Stack placedStack(List<SliceCandidate> input) throws DicomReadException {
    SliceCandidate first = input.get(0);
    FrameGeometry g = first.geometry();
    double[] normal = Vec3.normalize(Vec3.cross(g.rowDir(), g.colDir()));
    List<SliceCandidate> sorted = new ArrayList<>(input);
    sorted.sort(Comparator.comparingDouble(c -> along(c, normal)));
    double dz = sliceSpacing(sorted, normal);
    requireOnAxis(sorted, normal);
    FrameGeometry g0 = sorted.get(0).geometry();
    Grid grid =
        new Grid(
            first.columns(),
            first.rows(),
            sorted.size(),
            g0.position(),
            g0.rowDir(),
            g0.colDir(),
            normal,
            g0.dx(),
            g0.dy(),
            dz);
    return new Stack(grid, sorted);
  }

  /** Order is all there is: see the class comment. */
  private static Stack assumedStack(List<SliceCandidate> input) {
    List<SliceCandidate> sorted = new ArrayList<>(input);
    sorted.sort(
        Comparator.comparingInt(SliceCandidate::instanceNumber)
            .thenComparing(c -> c.source().file().getFileName().toString())
            .thenComparingInt(c -> c.source().frameNumber()));
    FrameGeometry g = sorted.get(0).geometry();
    SliceCandidate first = input.get(0);
    Grid grid =
        new Grid(
            first.columns(),
            first.rows(),
            sorted.size(),
            new double[3],
            g.rowDir(),
            g.colDir(),
            new double[] {0, 0, 1},
            g.dx(),
            g.dy(),
            nominalSpacing(g));
    return new Stack(grid, sorted);
  }

  private static double along(SliceCandidate c, double[] normal) {
    return Vec3.dot(c.geometry().position(), normal);
  }

  private static void requireSameSeries(SliceCandidate first, SliceCandidate c)
      throws DicomReadException {
    if (!first.seriesInstanceUid().equals(c.seriesInstanceUid())) {
      throw new DicomReadException(
          c.source(),
          "expected Series Instance UID "
              + first.seriesInstanceUid()
              + " (as in "
              + name(first)
              + "), found "
              + c.seriesInstanceUid()
              + "; files from different series mixed");
    }
  }

  private static void requireSameMatrix(SliceCandidate first, SliceCandidate c)
      throws DicomReadException {
    if (first.rows() != c.rows() || first.columns() != c.columns()) {
      throw new DicomReadException(
          c.source(),
          String.format(
              "expected %d rows x %d columns (as in %s), found %d x %d",
              first.rows(), first.columns(), name(first), c.rows(), c.columns()));
    }
  }

  /** An assumed grid cannot hold placed slices, nor the other way round. */
  private static void requireSamePlacement(SliceCandidate first, SliceCandidate c)
      throws DicomReadException {
    if (first.geometry().assumed() == c.geometry().assumed()) {
      return;
    }
    String expected = first.geometry().assumed() ? "no patient geometry" : "patient geometry";
    String found = c.geometry().assumed() ? "none" : "Image Position/Orientation (Patient)";
    throw new DicomReadException(
        c.source(),
        "expected "
            + expected
            + " (as in "
            + name(first)
            + "), found "
            + found
            + "; instances with and without patient geometry cannot share one volume");
  }

  private static void requireSameOrientation(SliceCandidate first, SliceCandidate c)
      throws DicomReadException {
    FrameGeometry a = first.geometry();
    FrameGeometry b = c.geometry();
    double diff = Math.max(maxAbsDiff(a.rowDir(), b.rowDir()), maxAbsDiff(a.colDir(), b.colDir()));
    if (diff > ORIENTATION_TOLERANCE) {
      throw new DicomReadException(
          c.source(),
          "expected Image Orientation (Patient) "
              + orientation(a)
              + " (as in "
              + name(first)
              + "), found "
              + orientation(b)
              + "; a localizer or another stack mixed into the series?");
    }
  }

  private static void requireSameSpacing(SliceCandidate first, SliceCandidate c)
      throws DicomReadException {
    FrameGeometry a = first.geometry();
    FrameGeometry b = c.geometry();
    if (relDiff(a.dx(), b.dx()) > SPACING_TOLERANCE
        || relDiff(a.dy(), b.dy()) > SPACING_TOLERANCE) {
      throw new DicomReadException(
          c.source(),
          String.format(
              "expected Pixel Spacing %s\\%s (as in %s), found %s\\%s",
              a.dy(), a.dx(), name(first), b.dy(), b.dx()));
    }
  }

  /** Median gap between consecutive slices, after refusing repeated positions and gaps. */
  private static double sliceSpacing(List<SliceCandidate> sorted, double[] normal)
      throws DicomReadException {
    if (sorted.size() == 1) {
      return nominalSpacing(sorted.get(0).geometry());
    }
    double[] gaps = new double[sorted.size() - 1];
    for (int k = 1; k < sorted.size(); k++) {
      gaps[k - 1] = along(sorted.get(k), normal) - along(sorted.get(k - 1), normal);
    }
    requireDistinctPositions(sorted, gaps, normal);
    double median = median(gaps);
    double tolerance = Math.max(GAP_RELATIVE_TOLERANCE * median, GAP_ABSOLUTE_TOLERANCE_MM);
    for (int k = 1; k < sorted.size(); k++) {
      if (Math.abs(gaps[k - 1] - median) > tolerance) {
        throw new DicomReadException(
            sorted.get(k).source(),
            String.format(
                "expected a spacing of %.3f mm (median, tolerance %.3f) from the previous slice %s,"
                    + " found %.3f mm; missing slices or an irregular stack",
                median,
                tolerance,
                DicomReadException.describe(sorted.get(k - 1).source()),
                gaps[k - 1]));
      }
    }
    return median;
  }

  /**
   * Refuses repeated positions, counting them first: "64 frames at 32 positions" tells an admin
   * that two stacks (or time points) were sent, where one repeated slice would look like a glitch.
   */
  private static void requireDistinctPositions(
      List<SliceCandidate> sorted, double[] gaps, double[] normal) throws DicomReadException {
    int distinct = 1;
    int firstRepeat = -1;
    for (int k = 1; k < sorted.size(); k++) {
      if (gaps[k - 1] >= SAME_POSITION_MM) {
        distinct++;
      } else if (firstRepeat < 0) {
        firstRepeat = k;
      }
    }
    if (firstRepeat < 0) {
      return;
    }
    throw new DicomReadException(
        sorted.get(firstRepeat).source(),
        String.format(
            "expected one frame per slice position, found %d frames at %d distinct positions"
                + " (several stacks, echoes or temporal positions are not supported); first"
                + " repeat: found the same position (%.3f mm along the normal) as %s",
            sorted.size(),
            distinct,
            along(sorted.get(firstRepeat), normal),
            DicomReadException.describe(sorted.get(firstRepeat - 1).source())));
  }

  /**
   * A lone slice has no neighbour, and assumed-geometry slices no positions: their nominal spacing
   * or thickness is the best depth there is.
   */
  private static double nominalSpacing(FrameGeometry g) {
    if (g.spacingBetweenSlices() > 0) {
      return g.spacingBetweenSlices();
    }
    return g.thickness() > 0 ? g.thickness() : 1.0;
  }

  /** Refuses sheared stacks (gantry tilt): each slice must start on the line through the first. */
  private static void requireOnAxis(List<SliceCandidate> sorted, double[] normal)
      throws DicomReadException {
    FrameGeometry g0 = sorted.get(0).geometry();
    double limit = AXIS_DRIFT_PIXELS * Math.min(g0.dx(), g0.dy());
    for (SliceCandidate c : sorted) {
      double[] d = Vec3.sub(c.geometry().position(), g0.position());
      double drift = Math.hypot(Vec3.dot(d, g0.rowDir()), Vec3.dot(d, g0.colDir()));
      if (drift > limit) {
        throw new DicomReadException(
            c.source(),
            String.format(
                "expected the slice origin on the stack axis (within %.3f mm), found it %.3f mm"
                    + " off in-plane; sheared (gantry-tilted) stacks are not supported",
                limit, drift));
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int n = 0; n < a.length; n++) {
      m = Math.max(m, Math.abs(a[n] - b[n]));
    }
    return m;
  }

  private static double relDiff(double a, double b) {
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }

  private static String orientation(FrameGeometry g) {
    return Vec3.format(g.rowDir()) + Vec3.format(g.colDir());
  }

  private static String name(SliceCandidate c) {
    return DicomReadException.describe(c.source());
  }
}
