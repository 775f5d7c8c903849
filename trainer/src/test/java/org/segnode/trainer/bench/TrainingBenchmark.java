package org.segnode.trainer.bench;

import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.segnode.trainer.loss.DiceCrossEntropyLoss;
import org.segnode.trainer.model.UNetFactory;
import org.segnode.trainer.model.UNetSpec;
import org.segnode.trainer.train.OneDnn;

/**
 * Milliseconds per training iteration of the shipped model's network (classic U-Net, depth 4, 16
 * filters, 2.5D input of 3 channels, batch 4) at a given size. A benchmark, not a test: run it with
 * scripts/benchmark-training.sh, once as is and once with -Dsegnode.onednn=false.
 */
public final class TrainingBenchmark {
  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 160;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    boolean helpers = OneDnn.enable();
    UNetSpec spec = new UNetSpec(UNetSpec.Design.CLASSIC, 4, 16, 3, 2);
    ComputationGraph net =
        UNetFactory.create(spec, size, size, new Adam(1e-3), new DiceCrossEntropyLoss(), 1);
    Nd4j.getRandom().setSeed(1);
    var features = Nd4j.rand(DataType.FLOAT, 4, 3, size, size);
    var labels = Nd4j.zeros(DataType.FLOAT, 4, 2, size, size);
    labels.get(NDArrayIndex.all(), NDArrayIndex.point(0)).assign(1);
    DataSet batch = new DataSet(features, labels);
    net.fit(batch);
    net.fit(batch);
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      net.fit(batch);
    }
    double ms = (System.nanoTime() - start) / 1e6 / iterations;
    System.out.printf(
        Locale.ROOT,
        "| %d x %d, batch 4, 3 channels | oneDNN helpers %s | %.0f ms per iteration (%d runs) |%n",
        size,
        size,
        helpers ? "on" : "off",
        ms,
        iterations);
  }
}
