package org.segnode.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segnode.imaging.volume.LabelVolume;

/**
 * What a {@link Segmenter} produced for one volume.
 *
 * @param labels the post-processed labels on the source grid
 * @param volumesMl volume in mL of each model label (ascending label value, zero when absent)
 * @param confidence the mean, over the voxels of the final foreground, of the probability the model
 *     gave to the label the voxel ended up with (bilinearly mapped to the source grid); in [0, 1].
 *     Voxels that post-processing added (filled holes) count with their low probability, so heavy
 *     repair lowers it. {@link Double#NaN} when nothing was segmented.
 * @param timings where the time went
 */
public record SegmentationResult(
    LabelVolume labels, Map<Integer, Double> volumesMl, double confidence, Timings timings) {

  public SegmentationResult {
    volumesMl = Collections.unmodifiableMap(new LinkedHashMap<>(volumesMl));
  }

  /**
   * Wall-clock times in milliseconds.
   *
   * @param preprocessMs normalisation, resampling and padding to the model grid
   * @param inferenceMs all model runs, including building the input batches
   * @param postprocessMs inverse mapping, argmax, post-processing and the figures above
   * @param slices slices segmented
   */
  public record Timings(double preprocessMs, double inferenceMs, double postprocessMs, int slices) {
    public double inferenceMsPerSlice() {
      return slices == 0 ? 0 : inferenceMs / slices;
    }

    public double totalMs() {
      return preprocessMs + inferenceMs + postprocessMs;
    }
  }
}
