package org.segnode.imaging.metrics;

import java.util.Arrays;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Compares a predicted label volume with a reference, label by label.
 *
 * <p>Definitions. Dice = 2|P n R| / (|P| + |R|), IoU = |P n R| / |P u R|, counted in voxels. The
 * surface of a mask is its voxels with at least one of the 6 face neighbours outside the mask or
 * outside the grid. The distance of a surface voxel is the Euclidean distance in mm (using dx, dy,
 * dz) from its centre to the nearest voxel centre of the other mask's surface, computed with an
 * exact distance transform ({@link DistanceTransform}). The distances of both directions (every
 * predicted surface voxel to the reference surface and every reference surface voxel to the
 * predicted surface) are pooled into one list: HD95 is its 95th percentile by the nearest-rank
 * method (the smallest distance at or below which at least 95% of the pooled distances lie), the
 * Hausdorff distance its maximum and the ASSD its mean.
 *
 * <p>Edge cases: both masks empty gives Dice 1, IoU 1 and all distances 0; exactly one empty gives
 * Dice 0, IoU 0 and all distances {@link Double#POSITIVE_INFINITY}.
 *
 * <p>The distance transforms run only over the bounding box of both masks, which holds every
 * surface voxel, so large volumes with small structures stay cheap.
 */
public final class MetricsCalculator {
  private static final double PERCENTILE = 0.95;

  private MetricsCalculator() {}

  /** Dice of {@code label} alone, without the surface distances (model selection per epoch). */
  public static double dice(LabelVolume prediction, LabelVolume reference, int label) {
    requireSameGrid(prediction.grid(), reference.grid());
    long p = prediction.count(label);
    long r = reference.count(label);
    return dice(p, r, intersection(prediction.labels(), reference.labels(), label));
  }

  private static double dice(long p, long r, long both) {
    return p + r == 0 ? 1 : 2.0 * both / (p + r);
  }

  /** Metrics of {@code label}; both volumes must lie on the same grid. */
  public static SegmentationMetrics compute(
      LabelVolume prediction, LabelVolume reference, int label) {
    Grid g = requireSameGrid(prediction.grid(), reference.grid());
    long p = prediction.count(label);
    long r = reference.count(label);
    long both = intersection(prediction.labels(), reference.labels(), label);
    double ml = g.voxelVolumeMl();
    double dice = dice(p, r, both);
    double iou = p + r == 0 ? 1 : (double) both / (p + r - both);
    double[] distances = surfaceDistances(prediction, reference, label, p, r);
    return new SegmentationMetrics(
        label,
        dice,
        iou,
        p * ml,
        r * ml,
        (p - r) * ml,
        nearestRank(distances, PERCENTILE),
        distances[distances.length - 1],
        mean(distances));
  }

  /** The pooled distances, ascending; {0} when both are empty, {inf} when one is. */
  private static double[] surfaceDistances(
      LabelVolume prediction, LabelVolume reference, int label, long p, long r) {
    if (p == 0 || r == 0) {
      return new double[] {p == r ? 0 : Double.POSITIVE_INFINITY};
    }
    Box box = Box.bounding(prediction, reference, label);
    boolean[] ps = Surface.of(prediction, label, box);
    boolean[] rs = Surface.of(reference, label, box);
    Grid g = prediction.grid();
    double[] toRef =
        DistanceTransform.squared(rs, box.nx(), box.ny(), box.nz(), g.dx(), g.dy(), g.dz());
    double[] toPred =
        DistanceTransform.squared(ps, box.nx(), box.ny(), box.nz(), g.dx(), g.dy(), g.dz());
    double[] pooled = new double[count(ps) + count(rs)];
    int n = 0;
    for (int v = 0; v < ps.length; v++) {
      if (ps[v]) {
        pooled[n++] = Math.sqrt(toRef[v]);
      }
      if (rs[v]) {
        pooled[n++] = Math.sqrt(toPred[v]);
      }
    }
    Arrays.sort(pooled);
    return pooled;
  }

  /** The value at rank {@code ceil(fraction * n)} (1-based) of ascending {@code sorted}. */
  static double nearestRank(double[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static int count(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    return n;
  }

  private static long intersection(byte[] a, byte[] b, int label) {
    long n = 0;
    for (int v = 0; v < a.length; v++) {
      if ((a[v] & 0xff) == label && (b[v] & 0xff) == label) {
        n++;
      }
    }
    return n;
  }

  private static Grid requireSameGrid(Grid prediction, Grid reference) {
    boolean spacing =
        Math.abs(prediction.dx() - reference.dx()) <= 1e-6
            && Math.abs(prediction.dy() - reference.dy()) <= 1e-6
            && Math.abs(prediction.dz() - reference.dz()) <= 1e-6;
    if (!spacing || !prediction.sameAs(reference, 1e-3)) {
      throw new IllegalArgumentException(
          "expected prediction and reference on the same grid, found prediction on "
              + prediction
              + " and reference on "
              + reference);
    }
    return prediction;
  }
}
