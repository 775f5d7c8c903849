package org.segnode.trainer.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Where a run stands after its last finished epoch: what {@code --resume} continues from. */
public record TrainingState(
    int epoch, int bestEpoch, double bestDice, int epochsWithoutImprovement, double seconds) {

  public static TrainingState fresh() {
    return new TrainingState(0, 0, -1, 0, 0);
  }

  public TrainingState after(int epoch, double dice, double epochSeconds) {
    boolean better = dice > bestDice;
    return new TrainingState(
        epoch,
        better ? epoch : bestEpoch,
        better ? dice : bestDice,
        better ? 0 : epochsWithoutImprovement + 1,
        seconds + epochSeconds);
  }

  public void save(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("epoch", Integer.toString(epoch));
    p.setProperty("bestEpoch", Integer.toString(bestEpoch));
    p.setProperty("bestDice", Double.toString(bestDice));
    p.setProperty("epochsWithoutImprovement", Integer.toString(epochsWithoutImprovement));
    p.setProperty("seconds", Double.toString(seconds));
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (Writer w = Files.newBufferedWriter(tmp)) {
      p.store(w, "SegNode training state");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static TrainingState load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    try {
      return new TrainingState(
          Integer.parseInt(p.getProperty("epoch")),
          Integer.parseInt(p.getProperty("bestEpoch")),
          Double.parseDouble(p.getProperty("bestDice")),
          Integer.parseInt(p.getProperty("epochsWithoutImprovement")),
          Double.parseDouble(p.getProperty("seconds")));
    } catch (RuntimeException e) {
      throw new IOException(file + ": expected a training state, found " + p, e);
    }
  }
}
