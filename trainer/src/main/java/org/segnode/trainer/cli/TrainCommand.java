package org.segnode.trainer.cli;

import java.nio.file.Path;
import org.segnode.cli.CliCommand;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.trainer.model.UNetSpec;
import org.segnode.trainer.train.Trainer;
import org.segnode.trainer.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segnode train}: trains a U-Net on a dataset file and keeps the best epoch by Dice. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a U-Net segmentation model with DeepLearning4J.",
      "Cases come from a dataset file (id, image, labels, split per line; see"
          + " trainer/datasets/chaos-t2spir.tsv). The best epoch by mean validation Dice is kept"
          + " in OUT/checkpoints/best.zip; OUT/report holds metrics.csv, plots and overlays."
    })
public final class TrainCommand implements CliCommand {
  @Option(names = "--dataset", required = true, description = "dataset file")
  Path dataset;

  @Option(
      names = "--data-root",
      description = "root of relative paths (default: SEGNODE_DATA" + " or ../shared/data)")
  Path dataRoot;

  @Option(names = "--out", required = true, description = "run folder")
  Path out;

  @Option(names = "--design", defaultValue = "CLASSIC", description = "CLASSIC or LAB")
  UNetSpec.Design design;

  @Option(names = "--depth", defaultValue = "4", description = "levels (default ${DEFAULT-VALUE})")
  int depth;

  @Option(
      names = "--filters",
      defaultValue = "16",
      description = "base filters (default" + " ${DEFAULT-VALUE})")
  int filters;

  @Option(
      names = "--context",
      defaultValue = "1",
      description =
          "neighbouring slices on each"
              + " side as extra channels, 0 for plain 2D (default ${DEFAULT-VALUE})")
  int context;

  @Option(
      names = "--max-label",
      defaultValue = "1",
      description =
          "learn labels 1..K (1: liver;" + " 4: liver, kidneys, spleen) (default ${DEFAULT-VALUE})")
  int maxLabel;

  @Option(
      names = "--preprocessing",
      defaultValue = "v1;intensity=zscore(p0.5,p99.5);spacing=2x2;size=div16-pad;pad=0",
      description = "preprocessing spec (default ${DEFAULT-VALUE})")
  String preprocessing;

  @Option(
      names = "--postprocessing",
      defaultValue = "v1;largest=on;min-island-ml=0;holes=2d",
      description = "postprocessing the exported model asks for (default ${DEFAULT-VALUE})")
  String postprocessing;

  @Option(names = "--epochs", defaultValue = "60")
  int epochs;

  @Option(names = "--batch", defaultValue = "4")
  int batch;

  @Option(names = "--lr", defaultValue = "0.001", description = "initial learning rate")
  double lr;

  @Option(names = "--lr-step", defaultValue = "15", description = "epochs between decays")
  int lrStep;

  @Option(names = "--lr-decay", defaultValue = "0.5")
  double lrDecay;

  @Option(names = "--patience", defaultValue = "15")
  int patience;

  @Option(names = "--dice-weight", defaultValue = "1.0")
  double diceWeight;

  @Option(names = "--no-augment", description = "switch augmentation off")
  boolean noAugment;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(
      names = "--max-iterations",
      defaultValue = "0",
      description = "iterations per epoch at most, 0 for all (smoke runs)")
  int maxIterations;

  @Option(names = "--resume", description = "continue from OUT/checkpoints/last.zip")
  boolean resume;

  @Option(names = "--name", defaultValue = "liver-mr-t2")
  String name;

  @Option(names = "--model-version", defaultValue = "1.0.0")
  String version;

  @Override
  public Integer call() throws Exception {
    Trainer.Outcome outcome = new Trainer(config(), System.out, System.console() != null).run();
    System.out.printf(
        "best epoch %d, mean validation Dice %.4f; checkpoint %s%n",
        outcome.state().bestEpoch(),
        outcome.state().bestDice(),
        out.resolve("checkpoints/best.zip"));
    return 0;
  }

  TrainingConfig config() {
    UNetSpec spec = new UNetSpec(design, depth, filters, 1 + 2 * context, maxLabel + 1);
    return new TrainingConfig(
        dataset,
        dataRoot != null ? dataRoot : DataRoot.defaultRoot(),
        out,
        spec,
        context,
        maxLabel,
        PreprocessingSpec.parse(preprocessing),
        Postprocessing.parse(postprocessing),
        epochs,
        batch,
        lr,
        lrStep,
        lrDecay,
        patience,
        diceWeight,
        !noAugment,
        seed,
        maxIterations,
        resume,
        name,
        version);
  }
}
