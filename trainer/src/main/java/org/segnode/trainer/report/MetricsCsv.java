package org.segnode.trainer.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv}: one row per epoch, appended as each epoch ends so a crashed or resumed run
 * keeps its history. Rows of epochs after a resume point are dropped on resume.
 */
public final class MetricsCsv {
  private final Path file;

  public MetricsCsv(Path file) {
    this.file = file;
  }

  public void append(EpochRecord r) throws IOException {
    if (!Files.exists(file)) {
      Files.writeString(file, header(r) + "\n");
    }
    Files.writeString(file, row(r) + "\n", StandardOpenOption.APPEND);
  }

  /** Drops rows after {@code epoch}, so a resumed run's file holds each epoch once. */
  public void truncateAfter(int epoch) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String first = line.split(",", 2)[0];
      if (!first.matches("\\d+") || Integer.parseInt(first) <= epoch) {
        kept.add(line);
      }
    }
    Files.write(file, kept);
  }

  private static String header(EpochRecord r) {
    StringBuilder s =
        new StringBuilder(
            "epoch,train_loss,learning_rate,iterations,ms_per_iteration,seconds,val_dice_mean");
    r.caseIds().forEach(id -> s.append(",val_dice_").append(id));
    return s.toString();
  }

  private static String row(EpochRecord r) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d,%.6f,%.6g,%d,%.1f,%.1f,%.4f",
                r.epoch(),
                r.trainLoss(),
                r.learningRate(),
                r.iterations(),
                r.msPerIteration(),
                r.seconds(),
                r.meanDice()));
    for (double d : r.caseDice()) {
      s.append(String.format(Locale.ROOT, ",%.4f", d));
    }
    return s.toString();
  }

  /** Reads the rows back (for plots after a resume): epoch, loss, mean Dice. */
  public List<double[]> series() throws IOException {
    List<double[]> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split(",");
      if (f[0].matches("\\d+")) {
        out.add(
            new double[] {
              Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[6])
            });
      }
    }
    return out;
  }
}
