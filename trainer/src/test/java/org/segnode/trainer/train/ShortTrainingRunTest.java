package org.segnode.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.inference.model.ModelMetadata;
import org.segnode.inference.onnx.OnnxModel;
import org.segnode.trainer.export.ModelPackager;
import org.segnode.trainer.model.UNetSpec;
import org.segnode.trainer.report.MetricsCsv;

/**
 * A few iterations on two small CHAOS cases (at 5 mm pixels, 64 x 64 slices): the loss falls, every
 * epoch leaves a checkpoint, {@code --resume} continues from it, and the best checkpoint exports to
 * an ONNX model the node accepts.
 */
class ShortTrainingRunTest {
  @TempDir Path dir;

  private TrainingConfig config(int epochs, boolean resume) throws Exception {
    Path dataset = dir.resolve("two-cases.tsv");
    Files.writeString(
        dataset,
        """
        2\tchaos-t2spir/2/image_2.nii.gz\tchaos-t2spir/2/label_2.nii.gz\ttrain
        3\tchaos-t2spir/3/image_3.nii.gz\tchaos-t2spir/3/label_3.nii.gz\tvalidation
        """);
    return new TrainingConfig(
        dataset,
        SharedData.root(),
        dir.resolve("run"),
        new UNetSpec(UNetSpec.Design.CLASSIC, 3, 4, 3, 2),
        1,
        1,
        PreprocessingSpec.parse("v1;intensity=zscore(p0.5,p99.5);spacing=5x5;size=div16-pad;pad=0"),
        Postprocessing.parse("v1;largest=on;min-island-ml=0;holes=2d"),
        epochs,
        4,
        0.01,
        10,
        0.5,
        10,
        1.0,
        false,
        7,
        4,
        resume,
        "smoke",
        "0.0.1");
  }

  private Trainer.Outcome train(TrainingConfig cfg) throws Exception {
    return new Trainer(cfg, new PrintStream(new ByteArrayOutputStream()), false).run();
  }

  @Test
  void lossFallsCheckpointsResumeAndTheBestEpochExports() throws Exception {
    Trainer.Outcome first = train(config(3, false));
    Path run = dir.resolve("run");
    assertEquals(3, first.state().epoch());
    assertTrue(Files.size(run.resolve("checkpoints/last.zip")) > 10_000, "last checkpoint");
    assertTrue(Files.exists(run.resolve("checkpoints/best.zip")), "best checkpoint");
    List<double[]> rows = new MetricsCsv(run.resolve("report/metrics.csv")).series();
    assertTrue(
        rows.get(2)[1] < rows.get(0)[1],
        "training loss of epoch 3 below epoch 1: " + rows.get(0)[1] + " -> " + rows.get(2)[1]);

    Trainer.Outcome resumed = train(config(4, true));
    assertEquals(4, resumed.state().epoch(), "resumed run continued with epoch 4");
    assertEquals(4, new MetricsCsv(run.resolve("report/metrics.csv")).series().size());
    assertTrue(Files.exists(run.resolve("report/loss.png")), "loss plot");
    assertTrue(Files.exists(run.resolve("report/dice.png")), "Dice plot");
    assertTrue(Files.exists(run.resolve("report/overlays/validation-3.png")), "overlay");

    Path model = dir.resolve("smoke.onnx");
    ModelPackager.packageRun(run, SharedData.root(), model);
    try (OnnxModel onnx = OnnxModel.load(model)) {
      ModelMetadata meta = onnx.metadata();
      assertEquals("smoke", meta.name());
      assertEquals(1, meta.context());
      assertTrue(meta.validation().containsKey("dice.liver"), meta.validation().toString());
    }
  }
}
