package org.segnode.trainer.data;

import org.segnode.imaging.preprocess.Preprocessed;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.imaging.preprocess.Preprocessor;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * A case on the model's grid: the image preprocessed exactly as the node will preprocess it (the
 * same {@link Preprocessor} and spec), and the labels brought along by nearest neighbour.
 */
public record PreparedCase(String id, float[] image, byte[] labels, Grid grid) {

  public static PreparedCase of(
      CaseLoader.LoadedCase loaded, PreprocessingSpec spec, int maxLabel) {
    Preprocessed pre = Preprocessor.apply(loaded.image(), spec);
    LabelVolume labels = pre.labelsToModelGrid(CaseLoader.keepLabels(loaded.labels(), maxLabel));
    return new PreparedCase(
        loaded.spec().id(), pre.image().voxels(), labels.labels(), pre.image().grid());
  }

  public int slices() {
    return grid.nz();
  }

  public LabelVolume labelVolume() {
    return new LabelVolume(grid, labels);
  }
}
