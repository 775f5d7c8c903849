package org.segnode.trainer.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segnode.imaging.metrics.MetricsCalculator;
import org.segnode.imaging.postprocess.ProbabilityMaps;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.trainer.data.PreparedCase;
import org.segnode.trainer.data.SliceTensors;

/**
 * Validation per patient on the model grid: the network's argmax over whole volumes compared with
 * the reference by Dice (surface distances are left to the export's evaluation, which runs once,
 * not every epoch). Model selection uses the mean foreground Dice over validation patients, never
 * pixel accuracy, which a network that paints everything background already scores above 90 %.
 */
public final class Validation {
  private static final int BATCH = 8;

  private Validation() {}

  /** One validation patient's scores, per label 1..K. */
  public record CaseScore(String id, double[] dice, LabelVolume prediction) {
    public double meanDice() {
      return java.util.Arrays.stream(dice).average().orElse(0);
    }
  }

  public static List<CaseScore> run(
      ComputationGraph net, List<PreparedCase> cases, int context, int maxLabel) {
    List<CaseScore> scores = new ArrayList<>();
    for (PreparedCase c : cases) {
      LabelVolume prediction = predict(net, c, context, maxLabel + 1);
      double[] dice = new double[maxLabel];
      for (int label = 1; label <= maxLabel; label++) {
        dice[label - 1] = MetricsCalculator.dice(prediction, c.labelVolume(), label);
      }
      scores.add(new CaseScore(c.id(), dice, prediction));
    }
    return scores;
  }

  /** Argmax of the network's softmax, slice by slice, in the probability layout of imaging. */
  static LabelVolume predict(ComputationGraph net, PreparedCase c, int context, int classes) {
    int size = c.grid().sliceSize();
    int channels = 1 + 2 * context;
    float[] probabilities = new float[c.slices() * classes * size];
    for (int k0 = 0; k0 < c.slices(); k0 += BATCH) {
      int n = Math.min(BATCH, c.slices() - k0);
      float[] input = new float[n * channels * size];
      for (int b = 0; b < n; b++) {
        SliceTensors.input(c, k0 + b, context, input, b * channels * size);
      }
      INDArray features =
          Nd4j.create(input, new long[] {n, channels, c.grid().ny(), c.grid().nx()}, 'c');
      INDArray out = net.output(false, features)[0].dup('c');
      float[] flat = out.data().asFloat();
      System.arraycopy(flat, 0, probabilities, k0 * classes * size, flat.length);
    }
    return ProbabilityMaps.argmax(c.grid(), probabilities, classes);
  }
}
