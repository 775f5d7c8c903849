package org.segnode.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiceCrossEntropyLossTest {
  private final DiceCrossEntropyLoss loss = new DiceCrossEntropyLoss(1.0);

  private static INDArray oneHot(int rows, int classes, long seed) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < rows; i++) {
      y.putScalar(i, r.nextInt(classes), 1.0);
    }
    return y;
  }

  @Test
  void gradientMatchesFiniteDifferencesOfTheScore() {
    Nd4j.getRandom().setSeed(7);
    INDArray y = oneHot(12, 3, 3);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 12, 3);
    INDArray grad = loss.computeGradient(y, z.dup(), new ActivationSoftmax(), null);
    double h = 1e-6;
    for (int i = 0; i < 12; i++) {
      for (int k = 0; k < 3; k++) {
        INDArray plus = z.dup();
        plus.putScalar(i, k, z.getDouble(i, k) + h);
        INDArray minus = z.dup();
        minus.putScalar(i, k, z.getDouble(i, k) - h);
        double numeric = (score(y, plus) - score(y, minus)) / (2 * h);
        assertEquals(numeric, grad.getDouble(i, k), 1e-5, "d loss / d z[" + i + "," + k + "]");
      }
    }
  }

  @Test
  void perfectPredictionHasDiceOneAndNearZeroLoss() {
    INDArray y = oneHot(20, 2, 5);
    INDArray z = y.mul(40).subi(20);
    assertEquals(1.0, DiceCrossEntropyLoss.meanForegroundDice(y, y), 1e-9);
    assertTrue(loss.computeScore(y, z, new ActivationSoftmax(), null, true) < 1e-6);
  }

  @Test
  void theDiceTermRaisesTheLossOfAPredictionThatMissesTheForeground() {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 100, 2);
    y.getColumn(0).assign(1);
    y.putScalar(0, 0, 0.0);
    y.putScalar(0, 1, 1.0);
    INDArray allBackground = Nd4j.zeros(DataType.DOUBLE, 100, 2);
    allBackground.getColumn(0).assign(5);
    double ceOnly =
        new DiceCrossEntropyLoss(0)
            .computeScore(y, allBackground, new ActivationSoftmax(), null, true);
    double withDice = loss.computeScore(y, allBackground, new ActivationSoftmax(), null, true);
    assertTrue(withDice > ceOnly + 0.9, ceOnly + " vs " + withDice);
  }

  private double score(INDArray y, INDArray z) {
    return loss.computeScore(y, z, new ActivationSoftmax(), null, false);
  }
}
