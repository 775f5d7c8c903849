package org.segnode.imaging.preprocess;

import org.segnode.imaging.volume.Grid;

/**
 * The in-plane geometry shared by a source grid and the model grid derived from it: resampling to
 * the target spacing, then a centred pad or crop. Slices are untouched.
 *
 * <p>Resampling keeps the field of view centred: with {@code c = (n - 1) / 2} on the source axis
 * and {@code c'} on the resampled one, resampled index {@code i'} lies at source index {@code c +
 * (i' - c') * s}, {@code s = targetSpacing / sourceSpacing}. Halving the resolution of 2n voxels
 * therefore puts each new voxel centre between an even voxel and the next odd one. The pad or crop
 * then takes resampled voxel {@code i + offset} as model voxel {@code i}. Each grid's origin is
 * placed so that every voxel keeps its patient position, and the inverse mappings walk the same two
 * steps backwards.
 */
public final class GridMapping {
  private final Grid source;
  private final Grid resampled;
  private final Grid model;
  private final double scaleX;
  private final double shiftX;
  private final double scaleY;
  private final double shiftY;
  private final int offsetX;
  private final int offsetY;

  private GridMapping(Grid source, double[] targetSpacing, SizeStep size) {
    this.source = source;
    int rx = resampledSize(source.nx(), source.dx(), targetSpacing[0]);
    int ry = resampledSize(source.ny(), source.dy(), targetSpacing[1]);
    scaleX = targetSpacing[0] / source.dx();
    scaleY = targetSpacing[1] / source.dy();
    shiftX = (source.nx() - 1) / 2.0 - (rx - 1) / 2.0 * scaleX;
    shiftY = (source.ny() - 1) / 2.0 - (ry - 1) / 2.0 * scaleY;
    resampled = place(source, shiftX, shiftY, rx, ry, targetSpacing[0], targetSpacing[1]);
    int[] m = size.target(rx, ry);
    // Truncation toward zero puts an odd extra column or row at the end for pad and crop alike.
    offsetX = (rx - m[0]) / 2;
    offsetY = (ry - m[1]) / 2;
    model = place(resampled, offsetX, offsetY, m[0], m[1], resampled.dx(), resampled.dy());
  }

  /** The mapping {@code spacing} and {@code size} define for {@code source}. */
  public static GridMapping of(Grid source, SpacingStep spacing, SizeStep size) {
    double[] target =
        spacing instanceof SpacingStep.Resample r
            ? new double[] {r.dx(), r.dy()}
            : new double[] {source.dx(), source.dy()};
    return new GridMapping(source, target, size);
  }

  public Grid source() {
    return source;
  }

  /** The grid after resampling, before pad or crop. */
  public Grid resampled() {
    return resampled;
  }

  public Grid model() {
    return model;
  }

  /** Source image voxels on the model grid: bilinear resampling, then pad with {@code pad}. */
  public float[] imageToModel(float[] sourceVoxels, float pad) {
    checkLength(sourceVoxels.length, source.voxelCount(), "source voxels");
    float[] r =
        InPlaneResampling.bilinear(
            sourceVoxels, source.nx(), source.ny(), source.nz(), forwardX(), forwardY());
    return InPlaneResampling.window(
        r,
        resampled.nx(),
        resampled.ny(),
        source.nz(),
        model.nx(),
        model.ny(),
        offsetX,
        offsetY,
        new float[] {pad});
  }

  /** Source labels on the model grid: nearest-neighbour resampling, then pad with 0. */
  public byte[] labelsToModel(byte[] sourceLabels) {
    checkLength(sourceLabels.length, source.voxelCount(), "source labels");
    byte[] r =
        InPlaneResampling.nearest(
            sourceLabels, source.nx(), source.ny(), source.nz(), forwardX(), forwardY());
    return InPlaneResampling.window(
        r, resampled.nx(), resampled.ny(), source.nz(), model.nx(), model.ny(), offsetX, offsetY);
  }

  /**
   * Model-grid labels on the source grid: what was cropped away becomes 0, then nearest-neighbour
   * resampling. The exact inverse of {@link #labelsToModel} when there is no resampling and no
   * crop.
   */
  public byte[] labelsToSource(byte[] modelLabels) {
    checkLength(modelLabels.length, model.voxelCount(), "model labels");
    byte[] r =
        InPlaneResampling.window(
            modelLabels,
            model.nx(),
            model.ny(),
            source.nz(),
            resampled.nx(),
            resampled.ny(),
            -offsetX,
            -offsetY);
    return InPlaneResampling.nearest(
        r, resampled.nx(), resampled.ny(), source.nz(), backwardX(), backwardY());
  }

  /**
   * Per-class probabilities on the model grid brought to the source grid by bilinear resampling.
   * Layout in and out: per slice, channel-major, {@code p[((k * channels + c) * ny + j) * nx + i]}
   * (NCHW with the slices as N). Cropped-away voxels get probability 1 for channel 0 (background)
   * and 0 for the others; with a single channel (a foreground probability) they get 0.
   */
  public float[] probabilitiesToSource(float[] modelProbabilities, int channels) {
    if (channels < 1) {
      throw new IllegalArgumentException("expected at least 1 channel, found " + channels);
    }
    checkLength(modelProbabilities.length, (long) model.voxelCount() * channels, "probabilities");
    float[] fills = new float[channels];
    fills[0] = channels > 1 ? 1 : 0;
    int planes = source.nz() * channels;
    float[] r =
        InPlaneResampling.window(
            modelProbabilities,
            model.nx(),
            model.ny(),
            planes,
            resampled.nx(),
            resampled.ny(),
            -offsetX,
            -offsetY,
            fills);
    return InPlaneResampling.bilinear(
        r, resampled.nx(), resampled.ny(), planes, backwardX(), backwardY());
  }

  private AxisMap forwardX() {
    return AxisMap.of(resampled.nx(), source.nx(), scaleX, shiftX);
  }

  private AxisMap forwardY() {
    return AxisMap.of(resampled.ny(), source.ny(), scaleY, shiftY);
  }

  private AxisMap backwardX() {
    return AxisMap.of(source.nx(), resampled.nx(), 1 / scaleX, -shiftX / scaleX);
  }

  private AxisMap backwardY() {
    return AxisMap.of(source.ny(), resampled.ny(), 1 / scaleY, -shiftY / scaleY);
  }

  private static int resampledSize(int n, double spacing, double target) {
    return spacing == target ? n : (int) Math.max(1, Math.round(n * spacing / target));
  }

  /** A grid whose voxel (0, 0, 0) sits at {@code grid}'s voxel (i0, j0, 0). */
  private static Grid place(Grid grid, double i0, double j0, int nx, int ny, double dx, double dy) {
    return new Grid(
        nx,
        ny,
        grid.nz(),
        grid.toPatient(i0, j0, 0),
        grid.rowDir(),
        grid.colDir(),
        grid.sliceDir(),
        dx,
        dy,
        grid.dz());
  }

  private static void checkLength(long found, long expected, String what) {
    if (found != expected) {
      throw new IllegalArgumentException("expected " + expected + " " + what + ", found " + found);
    }
  }
}
