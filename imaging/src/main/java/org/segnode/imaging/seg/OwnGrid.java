package org.segnode.imaging.seg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.Vec3;

/**
 * The grid a SEG's frames describe by themselves: their shared orientation and spacing, and one
 * slice per distinct position along the normal. Writers that leave out empty frames leave gaps, so
 * slices are spaced by Spacing Between Slices when given, else by the smallest gap. Frames without
 * positions (slide microscopy, for one) are stacked in order of their source reference, or of
 * appearance within their segment, on an axis-aligned grid.
 */
record OwnGrid(Grid grid, int[] sliceOfFrame) {

  static OwnGrid of(Segmentation seg) throws SegReadException {
    List<Segmentation.SegFrame> frames = seg.frames();
    if (frames.isEmpty()) {
      throw new SegReadException("SEG " + seg.sopInstanceUid() + ": has no frames");
    }
    boolean placed = frames.stream().allMatch(f -> f.position() != null && f.rowDir() != null);
    return placed ? byPosition(seg) : byOrder(seg);
  }

  private static OwnGrid byPosition(Segmentation seg) {
    Segmentation.SegFrame first = seg.frames().get(0);
    double[] normal = Vec3.cross(first.rowDir(), first.colDir());
    double[] depth =
        seg.frames().stream().mapToDouble(f -> Vec3.dot(f.position(), normal)).toArray();
    double[] sorted = depth.clone();
    java.util.Arrays.sort(sorted);
    double dz =
        first.spacingBetweenSlices() > 0 ? first.spacingBetweenSlices() : smallestGap(sorted);
    int nz = (int) Math.round((sorted[sorted.length - 1] - sorted[0]) / dz) + 1;
    int lowest = indexOf(depth, sorted[0]);
    int[] sliceOfFrame = new int[depth.length];
    for (int f = 0; f < depth.length; f++) {
      sliceOfFrame[f] = (int) Math.round((depth[f] - sorted[0]) / dz);
    }
    double[] spacing = first.pixelSpacing() != null ? first.pixelSpacing() : new double[] {1, 1};
    Grid grid =
        new Grid(
            seg.columns(),
            seg.rows(),
            nz,
            seg.frames().get(lowest).position(),
            first.rowDir(),
            first.colDir(),
            normal,
            spacing[1],
            spacing[0],
            dz);
    return new OwnGrid(grid, sliceOfFrame);
  }

  private static double smallestGap(double[] sorted) {
    double gap = Double.POSITIVE_INFINITY;
    for (int n = 1; n < sorted.length; n++) {
      double d = sorted[n] - sorted[n - 1];
      if (d > 1e-3 && d < gap) {
        gap = d;
      }
    }
    return Double.isInfinite(gap) ? 1.0 : gap;
  }

  private static int indexOf(double[] values, double v) {
    for (int n = 0; n < values.length; n++) {
      if (values[n] == v) {
        return n;
      }
    }
    throw new IllegalStateException("value not found: " + v);
  }

  private static OwnGrid byOrder(Segmentation seg) {
    Map<String, Integer> slots = new LinkedHashMap<>();
    Map<Integer, Integer> seenPerSegment = new HashMap<>();
    List<Integer> sliceOfFrame = new ArrayList<>();
    for (Segmentation.SegFrame f : seg.frames()) {
      int nth = seenPerSegment.merge(f.segmentNumber(), 1, Integer::sum) - 1;
      String key =
          f.sourceSopInstanceUid() != null
              ? SegRasterizer.key(f.sourceSopInstanceUid(), f.sourceFrame())
              : "frame-" + nth;
      sliceOfFrame.add(slots.computeIfAbsent(key, k -> slots.size()));
    }
    double[] spacing = seg.frames().get(0).pixelSpacing();
    Grid grid =
        Grid.axial(
            seg.columns(),
            seg.rows(),
            slots.size(),
            spacing == null ? 1 : spacing[1],
            spacing == null ? 1 : spacing[0],
            1);
    return new OwnGrid(grid, sliceOfFrame.stream().mapToInt(Integer::intValue).toArray());
  }
}
