package org.segnode.trainer.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.segnode.trainer.data.Augmenter;
import org.segnode.trainer.data.CaseLoader;
import org.segnode.trainer.data.CaseSpec;
import org.segnode.trainer.data.DatasetFile;
import org.segnode.trainer.data.PreparedCase;
import org.segnode.trainer.loss.DiceCrossEntropyLoss;
import org.segnode.trainer.model.UNetFactory;
import org.segnode.trainer.report.EpochRecord;
import org.segnode.trainer.report.MetricsCsv;
import org.segnode.trainer.report.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a U-Net: Adam with a step learning-rate schedule, validation Dice per epoch on the
 * validation patients, a checkpoint every epoch, the best epoch kept by validation Dice, early
 * stopping after {@code patience} epochs without improvement, and {@code --resume} from the last
 * checkpoint.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** How a run ended. */
  public record Outcome(
      TrainingState state, List<Validation.CaseScore> bestScores, List<PreparedCase> validation) {}

  private final TrainingConfig cfg;
  private final PrintStream console;
  private final boolean terminal;

  public Trainer(TrainingConfig cfg, PrintStream console, boolean terminal) {
    this.cfg = cfg;
    this.console = console;
    this.terminal = terminal;
  }

  public Outcome run() throws IOException {
    OneDnn.enable();
    List<CaseSpec> specs = DatasetFile.read(cfg.dataset(), cfg.dataRoot());
    List<PreparedCase> train = prepare(specs, CaseSpec.Split.TRAIN);
    List<PreparedCase> validation = prepare(specs, CaseSpec.Split.VALIDATION);
    if (train.isEmpty() || validation.isEmpty()) {
      throw new IOException(
          cfg.dataset()
              + ": expected training and validation cases, found "
              + train.size()
              + " and "
              + validation.size());
    }
    Files.createDirectories(cfg.reportDir());
    if (!cfg.resume()) {
      RunRecord.of(cfg).save(cfg.outDir());
    }
    Checkpoints checkpoints = new Checkpoints(cfg.checkpointDir());
    TrainingState state =
        cfg.resume() ? TrainingState.load(checkpoints.state()) : TrainingState.fresh();
    ComputationGraph net = cfg.resume() ? Checkpoints.load(checkpoints.last()) : newNetwork();
    MetricsCsv csv = new MetricsCsv(cfg.reportDir().resolve("metrics.csv"));
    Reports reports = new Reports(cfg.reportDir());
    csv.truncateAfter(state.epoch());
    LOG.info(
        "training {} slices of {} patients, validating on {} patients, from epoch {}",
        train.stream().mapToInt(PreparedCase::slices).sum(),
        train.size(),
        validation.size(),
        state.epoch() + 1);
    List<Validation.CaseScore> best = new ArrayList<>();
    for (int epoch = state.epoch() + 1; epoch <= cfg.epochs(); epoch++) {
      EpochRun epochRun = new EpochRun(cfg, net, train, epoch, console, terminal);
      EpochRecord record = epochRun.train(validation);
      state = state.after(epoch, record.meanDice(), record.seconds());
      checkpoints.save(net, checkpoints.last());
      if (state.bestEpoch() == epoch) {
        checkpoints.copy(checkpoints.last(), checkpoints.best());
        best = epochRun.scores();
        reports.overlays(validation, best);
      }
      state.save(checkpoints.state());
      csv.append(record);
      reports.plots(csv.series());
      logEpoch(record, state);
      if (state.epochsWithoutImprovement() >= cfg.patience()) {
        LOG.info("early stop: no better validation Dice for {} epochs", cfg.patience());
        break;
      }
    }
    return new Outcome(state, best, validation);
  }

  private List<PreparedCase> prepare(List<CaseSpec> specs, CaseSpec.Split split)
      throws IOException {
    List<PreparedCase> out = new ArrayList<>();
    for (CaseSpec spec : specs) {
      if (spec.split() == split) {
        out.add(PreparedCase.of(CaseLoader.load(spec), cfg.preprocessing(), cfg.maxLabel()));
      }
    }
    return out;
  }

  private ComputationGraph newNetwork() {
    StepSchedule schedule =
        new StepSchedule(ScheduleType.EPOCH, cfg.learningRate(), cfg.lrDecay(), cfg.lrStepEpochs());
    return UNetFactory.create(
        cfg.net(),
        128,
        128,
        new Adam(schedule),
        new DiceCrossEntropyLoss(cfg.diceWeight()),
        cfg.seed());
  }

  private void logEpoch(EpochRecord r, TrainingState state) {
    String line =
        String.format(
            java.util.Locale.ROOT,
            "epoch %d: loss %.4f, validation Dice %.4f (best %.4f at epoch %d), %.0f ms/it, %.0f s",
            r.epoch(),
            r.trainLoss(),
            r.meanDice(),
            state.bestDice(),
            state.bestEpoch(),
            r.msPerIteration(),
            r.seconds());
    console.println(line);
    LOG.info("epoch {} finished: validation Dice {}", r.epoch(), r.meanDice());
  }

  /** One epoch: the batches, then validation. */
  static final class EpochRun {
    private final TrainingConfig cfg;
    private final ComputationGraph net;
    private final List<PreparedCase> train;
    private final int epoch;
    private final PrintStream console;
    private final boolean terminal;
    private List<Validation.CaseScore> scores = List.of();

    EpochRun(
        TrainingConfig cfg,
        ComputationGraph net,
        List<PreparedCase> train,
        int epoch,
        PrintStream console,
        boolean terminal) {
      this.cfg = cfg;
      this.net = net;
      this.train = train;
      this.epoch = epoch;
      this.console = console;
      this.terminal = terminal;
    }

    EpochRecord train(List<PreparedCase> validation) {
      long start = System.nanoTime();
      net.getConfiguration().setEpochCount(epoch - 1);
      double lr = net.getLearningRate("logits");
      var batches = SliceBatches.plan(train, cfg.batchSize(), cfg.seed() * 1_000_003L + epoch);
      int total =
          cfg.maxIterationsPerEpoch() > 0
              ? Math.min(cfg.maxIterationsPerEpoch(), batches.size())
              : batches.size();
      Augmenter augmenter = cfg.augment() ? new Augmenter(cfg.seed() * 31 + epoch) : null;
      float pad = (float) cfg.preprocessing().padValue();
      Progress progress = new Progress(console, terminal, epoch, total);
      double lossSum = 0;
      long trainNanos = 0;
      for (int i = 0; i < total; i++) {
        var data =
            SliceBatches.tensors(batches.get(i), cfg.context(), cfg.maxLabel() + 1, augmenter, pad);
        long t0 = System.nanoTime();
        net.fit(data);
        trainNanos += System.nanoTime() - t0;
        long pixels = data.getFeatures().size(2) * data.getFeatures().size(3);
        lossSum += net.score() / pixels;
        progress.step(i + 1, lossSum / (i + 1));
      }
      progress.finish();
      scores = Validation.run(net, validation, cfg.context(), cfg.maxLabel());
      double[] dice = scores.stream().mapToDouble(Validation.CaseScore::meanDice).toArray();
      List<String> ids = scores.stream().map(Validation.CaseScore::id).toList();
      return new EpochRecord(
          epoch,
          lossSum / total,
          lr,
          total,
          trainNanos / 1e6 / total,
          (System.nanoTime() - start) / 1e9,
          ids,
          dice);
    }

    List<Validation.CaseScore> scores() {
      return scores;
    }
  }
}
