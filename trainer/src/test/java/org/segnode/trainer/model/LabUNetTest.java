package org.segnode.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class LabUNetTest {
  private static final UNetSpec SPEC = new UNetSpec(UNetSpec.Design.LAB, 3, 4, 1, 3);

  private static ComputationGraph net() {
    return UNetFactory.create(SPEC, 32, 32, new Adam(1e-3), new LossMCXENT(), 7);
  }

  @Test
  void outputsClassProbabilitiesAtInputResolution() {
    INDArray out = net().output(false, random(1, 2, 1, 48, 32))[0].dup('c');
    assertArrayEquals(new long[] {2, 3, 48, 32}, out.shape());
    INDArray sums = out.sum(1);
    assertEquals(1.0, sums.minNumber().doubleValue(), 1e-5);
    assertEquals(1.0, sums.maxNumber().doubleValue(), 1e-5);
  }

  @Test
  void stemConvolutionHalvesTheResolutionWithStrideTwo() {
    ConvolutionLayer stem = (ConvolutionLayer) layer(net(), "stem_conv");
    assertArrayEquals(new int[] {2, 2}, stem.getStride());
    assertEquals(8, SPEC.divisor());
  }

  @Test
  void residualShortcutIsProjectedOnlyWhereChannelCountsDiffer() {
    ComputationGraph net = net();
    var vertices = net.getConfiguration().getVertices();
    assertFalse(vertices.containsKey("enc0_proj"), "stem and level 0 both have 4 channels");
    assertTrue(vertices.containsKey("enc1_proj"));
    assertTrue(vertices.containsKey("dec0_proj"));
    assertInstanceOf(ElementWiseVertex.class, vertices.get("enc0_add"));
    assertEquals(
        List.of("enc0_bn1", "stem_relu"), net.getConfiguration().getVertexInputs().get("enc0_add"));
    assertNotNull(vertices.get("final_up"));
  }

  @Test
  void trainingStepsLowerTheLossOnAFixedBatch() {
    ComputationGraph net = net();
    INDArray x = random(3, 2, 1, 32, 32);
    INDArray y = Nd4j.zeros(2, 3, 32, 32);
    y.get(NDArrayIndex.all(), NDArrayIndex.point(0)).assign(1);
    net.fit(new INDArray[] {x}, new INDArray[] {y});
    double first = net.score();
    for (int n = 0; n < 5; n++) {
      net.fit(new INDArray[] {x}, new INDArray[] {y});
    }
    assertTrue(Double.isFinite(first));
    assertTrue(net.score() < first, "loss expected below " + first + ", found " + net.score());
  }

  private static INDArray random(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, shape);
  }

  private static Layer layer(ComputationGraph net, String name) {
    return ((LayerVertex) net.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
  }
}
