package org.segnode.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segnode.trainer.data.PreparedCase;
import org.segnode.trainer.report.Overlays;
import org.segnode.trainer.report.Plots;

/** The report folder: loss and Dice plots per epoch, overlays of the best epoch's predictions. */
final class Reports {
  private final Path dir;

  Reports(Path dir) {
    this.dir = dir;
  }

  void plots(List<double[]> rows) throws IOException {
    Plots.line(rows, 1, "training loss (per pixel) by epoch", dir.resolve("loss.png"));
    Plots.line(rows, 2, "mean validation Dice by epoch", dir.resolve("dice.png"));
  }

  void overlays(List<PreparedCase> cases, List<Validation.CaseScore> scores) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("overlays"));
    for (int n = 0; n < cases.size(); n++) {
      Overlays.write(
          cases.get(n),
          scores.get(n).prediction(),
          folder.resolve("validation-" + cases.get(n).id() + ".png"));
    }
  }
}
