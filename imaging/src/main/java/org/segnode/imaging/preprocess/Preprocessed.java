package org.segnode.imaging.preprocess;

import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/**
 * A preprocessed image on its model grid, with the mapping that brings predictions back to the
 * source grid and reference labels onto the model grid.
 */
public record Preprocessed(ImageVolume image, GridMapping mapping, PreprocessingSpec spec) {

  /** Labels predicted on the model grid, on the source grid (nearest neighbour; cropped = 0). */
  public LabelVolume toSource(LabelVolume onModelGrid) {
    requireGrid(onModelGrid.grid(), mapping.model(), "labels on the model grid");
    return new LabelVolume(mapping.source(), mapping.labelsToSource(onModelGrid.labels()));
  }

  /**
   * Per-class probabilities predicted on the model grid, on the source grid (bilinear). Layout in
   * and out: per slice, channel-major, {@code p[((k * channels + c) * ny + j) * nx + i]}, i.e. a 2D
   * network's NCHW output with the slices as N; see {@link GridMapping#probabilitiesToSource}.
   */
  public float[] toSource(float[] probabilities, int channels) {
    return mapping.probabilitiesToSource(probabilities, channels);
  }

  /** Reference labels of the source image on the model grid, for training (nearest neighbour). */
  public LabelVolume labelsToModelGrid(LabelVolume sourceLabels) {
    requireGrid(sourceLabels.grid(), mapping.source(), "labels on the source grid");
    return new LabelVolume(mapping.model(), mapping.labelsToModel(sourceLabels.labels()));
  }

  private static void requireGrid(Grid found, Grid expected, String what) {
    if (!found.sameAs(expected, 1e-4)
        || Math.abs(found.dx() - expected.dx()) > 1e-6
        || Math.abs(found.dy() - expected.dy()) > 1e-6) {
      throw new IllegalArgumentException(
          "expected " + what + ", on " + expected + ", found " + found);
    }
  }
}
