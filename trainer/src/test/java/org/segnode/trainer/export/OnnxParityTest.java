package org.segnode.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.segnode.trainer.ChaosSlices;
import org.segnode.trainer.model.UNetFactory;
import org.segnode.trainer.model.UNetSpec;

/**
 * The exported ONNX model and the DL4J network agree on real CHAOS T2-SPIR slices. The networks get
 * a few training steps first, so that batch norm running statistics, gamma and beta are far from
 * their 0/1 initial values and the batch norm translation is really exercised.
 */
class OnnxParityTest {
  /**
   * Tighter than the 1e-4: a batch norm that subtracts eps from the variance once too often
   * still stays under 1e-4 (4e-5 measured) but not under this.
   */
  private static final double TOLERANCE = 1e-5;

  private static INDArray slices;

  @BeforeAll
  static void readSlices() throws Exception {
    slices = ChaosSlices.load(3, 128);
  }

  @Test
  void classicUNetMatchesDl4jOnChaosSlices() throws Exception {
    assertParity(new UNetSpec(UNetSpec.Design.CLASSIC, 3, 8, 1, 3), "enc1_bn0");
  }

  @Test
  void labUNetMatchesDl4jOnChaosSlices() throws Exception {
    assertParity(new UNetSpec(UNetSpec.Design.LAB, 3, 8, 1, 3), "enc1_bn1");
  }

  private static void assertParity(UNetSpec spec, String someBatchNorm) throws Exception {
    ComputationGraph net = trainedALittle(spec);
    assertBatchNormMoved(net, someBatchNorm);
    Parity.Result r = Parity.compare(net, slices);
    System.out.printf(
        "ONNX parity %s: max |diff| %.3g, argmax flips %d (%d decided) of %d pixels%n",
        spec.design(), r.maxAbsDiff(), r.flips(), r.decidedFlips(), r.pixels());
    assertTrue(
        r.maxAbsDiff() < TOLERANCE,
        "max |diff| expected < " + TOLERANCE + ", found " + r.maxAbsDiff());
    assertEquals(0, r.decidedFlips(), "argmax flips at pixels that are not ties");
  }

  /** Six Adam steps on random images with random labels: moves every parameter and statistic. */
  private static ComputationGraph trainedALittle(UNetSpec spec) {
    ComputationGraph net = UNetFactory.create(spec, 64, 64, new Adam(1e-2), new LossMCXENT(), 11);
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.randn(DataType.FLOAT, 2, 1, 64, 64).muli(2).addi(0.5);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, spec.classes(), 64, 64);
    INDArray cls = Nd4j.rand(DataType.FLOAT, 2, 1, 64, 64).muli(spec.classes());
    for (int c = 0; c < spec.classes(); c++) {
      INDArray mask = cls.gte(c).castTo(DataType.FLOAT).muli(cls.lt(c + 1).castTo(DataType.FLOAT));
      labels.get(NDArrayIndex.all(), NDArrayIndex.interval(c, c + 1)).assign(mask);
    }
    for (int step = 0; step < 6; step++) {
      net.fit(new INDArray[] {x}, new INDArray[] {labels});
    }
    return net;
  }

  private static void assertBatchNormMoved(ComputationGraph net, String name) {
    INDArray mean = net.getLayer(name).getParam("mean");
    INDArray logStd = net.getLayer(name).getParam("log10stdev");
    double meanSize = mean.amaxNumber().doubleValue();
    double logStdSize = logStd.amaxNumber().doubleValue();
    assertTrue(meanSize > 1e-2, name + " running mean expected away from 0, found " + meanSize);
    assertTrue(logStdSize > 1e-2, name + " log10 std expected away from 0, found " + logStdSize);
  }
}
