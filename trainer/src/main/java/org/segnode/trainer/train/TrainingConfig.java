package org.segnode.trainer.train;

import java.nio.file.Path;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.trainer.model.UNetSpec;

/**
 * Everything a training run is made of. {@code maxLabel} K: labels 1..K are learnt (softmax over
 * background + K classes), other label values count as background.
 *
 * @param maxIterationsPerEpoch 0 for whole epochs; a small number for smoke runs
 */
public record TrainingConfig(
    Path dataset,
    Path dataRoot,
    Path outDir,
    UNetSpec net,
    int context,
    int maxLabel,
    PreprocessingSpec preprocessing,
    Postprocessing postprocessing,
    int epochs,
    int batchSize,
    double learningRate,
    int lrStepEpochs,
    double lrDecay,
    int patience,
    double diceWeight,
    boolean augment,
    long seed,
    int maxIterationsPerEpoch,
    boolean resume,
    String modelName,
    String modelVersion) {

  public TrainingConfig {
    if (net.inputChannels() != 1 + 2 * context || net.classes() != maxLabel + 1) {
      throw new IllegalArgumentException(
          "network expected "
              + (1 + 2 * context)
              + " input channels and "
              + (maxLabel + 1)
              + " classes, found "
              + net.inputChannels()
              + " and "
              + net.classes());
    }
  }

  public Path checkpointDir() {
    return outDir.resolve("checkpoints");
  }

  public Path reportDir() {
    return outDir.resolve("report");
  }
}
