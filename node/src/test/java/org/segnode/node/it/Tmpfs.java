package org.segnode.node.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a test folder: a disk that really fills up. Mounting needs root (or
 * CAP_SYS_ADMIN); where that is missing the test fails saying so, it does not skip.
 */
final class Tmpfs implements AutoCloseable {
  final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  static Tmpfs mount(Path dir, int sizeMb) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String output = run("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m", "tmpfs", dir + "");
    if (output != null) {
      throw new AssertionError(
          "expected to mount a "
              + sizeMb
              + " MB tmpfs on "
              + dir
              + " (the full-disk test needs root or CAP_SYS_ADMIN), found: "
              + output);
    }
    return new Tmpfs(dir);
  }

  long usableBytes() throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  /** Writes a file that leaves about {@code freeBytes} usable on the tmpfs. */
  Path fillLeaving(long freeBytes) throws IOException {
    Path filler = dir.resolve("filler.bin");
    long size = usableBytes() - freeBytes;
    try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
      byte[] block = new byte[64 * 1024];
      for (long written = 0; written < size; written += block.length) {
        file.write(block, 0, (int) Math.min(block.length, size - written));
      }
    }
    return filler;
  }

  /** Unmounts, lazily if something still holds a file there (the node is stopped by then). */
  @Override
  public void close() throws IOException, InterruptedException {
    String output = run("umount", dir + "");
    if (output != null && run("umount", "-l", dir + "") != null) {
      throw new IOException("cannot unmount " + dir + ": " + output);
    }
  }

  /** Null when the command succeeded, else its output and exit code. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return command[0] + " did not end within 30 s";
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + output;
  }
}
