package org.segnode.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The checkpoint folder: {@code last.zip} after every epoch (with the updater state, so a resumed
 * run continues Adam where it stopped), {@code best.zip} for the epoch with the best validation
 * Dice, and {@code state.properties}. Every file is written beside its target and renamed into
 * place, so a crash never leaves a half-written checkpoint.
 */
public final class Checkpoints {
  private final Path dir;

  public Checkpoints(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  public Path last() {
    return dir.resolve("last.zip");
  }

  public Path best() {
    return dir.resolve("best.zip");
  }

  public Path state() {
    return dir.resolve("state.properties");
  }

  public void save(ComputationGraph net, Path target) throws IOException {
    Path tmp = part(target);
    ModelSerializer.writeModel(net, tmp.toFile(), true);
    moveIntoPlace(tmp, target);
  }

  /** Copies a checkpoint just saved, rather than serialising the same network a second time. */
  public void copy(Path source, Path target) throws IOException {
    Path tmp = part(target);
    Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
    moveIntoPlace(tmp, target);
  }

  private static Path part(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static ComputationGraph load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("expected a checkpoint at " + file + ", found none");
    }
    return ModelSerializer.restoreComputationGraph(file.toFile(), true);
  }
}
