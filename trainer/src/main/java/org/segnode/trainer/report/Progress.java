package org.segnode.trainer.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of an epoch: a bar with rate and ETA redrawn in place on a terminal, or a plain line per
 * quarter epoch when the output goes to a log file.
 */
public final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private final int total;
  private final int epoch;
  private final long start = System.nanoTime();
  private int lastQuarter;

  public Progress(PrintStream out, boolean terminal, int epoch, int total) {
    this.out = out;
    this.terminal = terminal;
    this.epoch = epoch;
    this.total = total;
  }

  public void step(int done, double loss) {
    double seconds = (System.nanoTime() - start) / 1e9;
    double eta = done == 0 ? 0 : seconds / done * (total - done);
    if (terminal) {
      int width = 30;
      int filled = (int) ((long) width * done / Math.max(1, total));
      out.printf(
          Locale.ROOT,
          "\repoch %d [%s%s] %d/%d loss %.4f %.0f ms/it ETA %s",
          epoch,
          "#".repeat(filled),
          " ".repeat(width - filled),
          done,
          total,
          loss,
          1000 * seconds / Math.max(1, done),
          clock(eta));
      out.flush();
    } else if (done * 4 / Math.max(1, total) > lastQuarter) {
      lastQuarter = done * 4 / Math.max(1, total);
      out.printf(
          Locale.ROOT,
          "epoch %d: %d/%d iterations, loss %.4f, %.0f ms/it, ETA %s%n",
          epoch,
          done,
          total,
          loss,
          1000 * seconds / Math.max(1, done),
          clock(eta));
    }
  }

  public void finish() {
    if (terminal) {
      out.println();
    }
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
