package org.segnode.trainer.report;

import java.util.List;

/** What one epoch measured: the training loss and every validation patient's mean Dice. */
public record EpochRecord(
    int epoch,
    double trainLoss,
    double learningRate,
    int iterations,
    double msPerIteration,
    double seconds,
    List<String> caseIds,
    double[] caseDice) {

  public double meanDice() {
    return java.util.Arrays.stream(caseDice).average().orElse(0);
  }
}
