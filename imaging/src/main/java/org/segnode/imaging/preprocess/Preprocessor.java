package org.segnode.imaging.preprocess;

import org.segnode.imaging.volume.ImageVolume;

/**
 * Runs a {@link PreprocessingSpec}: intensity normalisation on the source voxels (so percentiles
 * and histograms see the acquired image, not interpolated or padded voxels), then in-plane
 * resampling, then the centred pad or crop with the spec's pad value.
 */
public final class Preprocessor {
  private Preprocessor() {}

  public static Preprocessed apply(ImageVolume image, PreprocessingSpec spec) {
    float[] normalised = spec.intensity().apply(image);
    GridMapping mapping = GridMapping.of(image.grid(), spec.spacing(), spec.size());
    float[] onModel = mapping.imageToModel(normalised, (float) spec.padValue());
    return new Preprocessed(new ImageVolume(mapping.model(), onModel), mapping, spec);
  }
}
