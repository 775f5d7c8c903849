package org.segnode.trainer.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cross-entropy plus soft Dice over the foreground classes, for a softmax output.
 *
 * <p>DL4J's CnnLossLayer hands every pixel over as one row of a [rows, classes] matrix, so the Dice
 * terms are computed over all pixels of the minibatch at once ("batch Dice"): {@code loss =
 * sum_rows CE + weight * rows * (1 - mean_k D_k)}, with {@code D_k = (2 sum p y + eps) / (sum p +
 * sum y + eps)} for each foreground class k. Scaling the Dice term by the row count keeps it in
 * proportion to the summed cross-entropy, which DL4J divides by the minibatch size. Cross-entropy
 * alone learns "mostly background"; the Dice term pulls the small liver into focus.
 */
public final class DiceCrossEntropyLoss implements ILossFunction {
  private static final double EPS = 1e-6;
  private static final double MIN_P = 1e-7;

  @JsonProperty("diceWeight")
  private final double diceWeight;

  public DiceCrossEntropyLoss(@JsonProperty("diceWeight") double diceWeight) {
    this.diceWeight = diceWeight;
  }

  public DiceCrossEntropyLoss() {
    this(1.0);
  }

  public double diceWeight() {
    return diceWeight;
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
    INDArray p = fn.getActivation(preOutput.dup(), false);
    long rows = labels.size(0);
    double ce = crossEntropyRows(labels, p).sumNumber().doubleValue();
    double total = ce + diceWeight * rows * (1 - meanForegroundDice(labels, p));
    return average ? total / rows : total;
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
    INDArray p = fn.getActivation(preOutput.dup(), false);
    double dice = diceWeight * (1 - meanForegroundDice(labels, p));
    return crossEntropyRows(labels, p).addi(dice).reshape(labels.size(0), 1);
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
    INDArray p = fn.getActivation(preOutput.dup(), true);
    INDArray clipped = p.dup();
    BooleanIndexing.replaceWhere(clipped, MIN_P, Conditions.lessThan(MIN_P));
    INDArray dLdp = labels.div(clipped).negi();
    dLdp.addi(diceGradient(labels, p).muli(diceWeight * labels.size(0)));
    INDArray grad = fn.backprop(preOutput.dup(), dLdp).getFirst();
    return mask == null ? grad : grad.muliColumnVector(mask.reshape(mask.length(), 1));
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
    return new Pair<>(
        computeScore(labels, preOutput, fn, mask, average),
        computeGradient(labels, preOutput, fn, mask));
  }

  /** -sum_k y log p per row, with p kept away from 0. */
  private static INDArray crossEntropyRows(INDArray labels, INDArray p) {
    INDArray logP =
        org.nd4j.linalg.ops.transforms.Transforms.log(
            org.nd4j.linalg.ops.transforms.Transforms.max(p, MIN_P, true), false);
    return labels.mul(logP).sum(1).negi();
  }

  static double meanForegroundDice(INDArray labels, INDArray p) {
    long classes = labels.size(1);
    INDArray intersection = p.mul(labels).sum(0);
    INDArray sums = p.sum(0).addi(labels.sum(0));
    double total = 0;
    for (long k = 1; k < classes; k++) {
      total += (2 * intersection.getDouble(k) + EPS) / (sums.getDouble(k) + EPS);
    }
    return total / (classes - 1);
  }

  /** d(1 - mean_k D_k)/dp: zero for the background column. */
  private static INDArray diceGradient(INDArray labels, INDArray p) {
    long classes = labels.size(1);
    INDArray intersection = p.mul(labels).sum(0).reshape(1, classes);
    INDArray den = p.sum(0).addi(labels.sum(0)).addi(EPS).reshape(1, classes);
    INDArray num = intersection.muli(2).addi(EPS);
    INDArray grad = labels.mulRowVector(den.rdiv(2.0)).subiRowVector(num.div(den.mul(den)));
    grad.negi().divi(classes - 1);
    grad.getColumn(0).assign(0);
    return grad;
  }

  @Override
  public String name() {
    return "DiceCrossEntropy(" + diceWeight + ")";
  }

  @Override
  public String toString() {
    return name();
  }
}
