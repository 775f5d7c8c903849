package org.segnode.imaging.seg;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.segnode.imaging.dicom.SourceSlice;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.imaging.volume.Vec3;

/**
 * Turns a {@link Segmentation} into a label volume: on the grid of its source series when that is
 * at hand, else on the grid its own frame positions describe ({@link OwnGrid}).
 *
 * <p>Frames are placed by their source image reference first and by their Image Position (Patient)
 * second, never by frame order. Where BINARY segments overlap, a voxel keeps the highest segment
 * number and the overlap is counted, since a label volume holds one label per voxel.
 */
public final class SegRasterizer {
  private static final double TOLERANCE_VOXELS = 0.05;

  /** The labels and how many voxels were claimed by more than one segment. */
  public record Result(LabelVolume labels, long overlappingVoxels) {}

  private SegRasterizer() {}

  public static Result onto(Segmentation seg, Grid grid, List<SourceSlice> slices)
      throws SegReadException {
    if (seg.rows() != grid.ny() || seg.columns() != grid.nx()) {
      throw new SegReadException(
          String.format(
              "SEG %s: frames of %d x %d (columns x rows) expected to match the source's %d x %d",
              seg.sopInstanceUid(), seg.columns(), seg.rows(), grid.nx(), grid.ny()));
    }
    Map<String, Integer> sliceOfSource = new HashMap<>();
    for (int k = 0; k < slices.size(); k++) {
      SourceSlice s = slices.get(k);
      sliceOfSource.put(key(s.sopInstanceUid(), s.frameNumber()), k);
    }
    int[] sliceOfFrame = new int[seg.frames().size()];
    for (int f = 0; f < sliceOfFrame.length; f++) {
      sliceOfFrame[f] = placeFrame(seg, f, grid, sliceOfSource);
    }
    return paint(seg, grid, sliceOfFrame);
  }

  public static Result onOwnGrid(Segmentation seg) throws SegReadException {
    OwnGrid own = OwnGrid.of(seg);
    return paint(seg, own.grid(), own.sliceOfFrame());
  }

  private static int placeFrame(
      Segmentation seg, int f, Grid grid, Map<String, Integer> sliceOfSource)
      throws SegReadException {
    Segmentation.SegFrame frame = seg.frames().get(f);
    if (frame.sourceSopInstanceUid() != null) {
      Integer k = sliceOfSource.get(key(frame.sourceSopInstanceUid(), frame.sourceFrame()));
      if (k != null) {
        return k;
      }
    }
    if (frame.position() == null) {
      throw new SegReadException(
          String.format(
              "SEG %s frame %d: references no image of the source and has no position",
              seg.sopInstanceUid(), f + 1));
    }
    double[] index = grid.toIndex(frame.position());
    long k = Math.round(index[2]);
    boolean onGrid =
        Math.abs(index[0]) < TOLERANCE_VOXELS
            && Math.abs(index[1]) < TOLERANCE_VOXELS
            && Math.abs(index[2] - k) < TOLERANCE_VOXELS
            && k >= 0
            && k < grid.nz();
    if (!onGrid) {
      throw new SegReadException(
          String.format(
              "SEG %s frame %d: position %s expected on a slice of the source grid, found at voxel"
                  + " index %s",
              seg.sopInstanceUid(), f + 1, Vec3.format(frame.position()), Vec3.format(index)));
    }
    return (int) k;
  }

  static String key(String sopInstanceUid, int frame) {
    return sopInstanceUid + "#" + Math.max(frame, 0);
  }

  private static Result paint(Segmentation seg, Grid grid, int[] sliceOfFrame) {
    LabelVolume out = LabelVolume.empty(grid);
    byte[] labels = out.labels();
    long overlaps = 0;
    for (int f = 0; f < sliceOfFrame.length; f++) {
      Segmentation.SegFrame frame = seg.frames().get(f);
      int base = sliceOfFrame[f] * grid.sliceSize();
      byte[] px = frame.pixels();
      for (int p = 0; p < px.length; p++) {
        int value = px[p] & 0xff;
        if (!seg.isSet(value)) {
          continue;
        }
        int label = seg.labelOf(frame, value);
        int old = labels[base + p] & 0xff;
        if (old != 0 && old != label) {
          overlaps++;
        }
        labels[base + p] = (byte) Math.max(old, label);
      }
    }
    return new Result(out, overlaps);
  }
}
