package org.segnode.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a dcmtk tool with TCP_NODELAY=1 and a bounded wait; output is stdout and stderr merged. */
public final class Dcmtk {
  private static final long TIMEOUT_SECONDS = 60;

  public record Result(int exitCode, String output) {}

  private Dcmtk() {}

  public static Result run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TCP_NODELAY", "1");
    Process process = builder.start();
    // Output is read after exit: the tools print little unless asked for debug output.
    boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertTrue(finished, command.get(0) + " expected to end within " + TIMEOUT_SECONDS + " s");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output);
  }

  public static Result echo(String callingAe, String calledAe, int port)
      throws IOException, InterruptedException {
    return run(List.of("echoscu", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", "" + port));
  }

  /** storescu -v (prints each response status) of files or folders, calling AE STORESCU. */
  public static Result store(int port, String... paths) throws IOException, InterruptedException {
    return run(storeCommand("SEGNODE", port, List.of(), paths));
  }

  /** {@link #store(int, String...)} to another called AE, such as a PACS. */
  public static Result store(String calledAe, int port, String... paths)
      throws IOException, InterruptedException {
    return run(storeCommand(calledAe, port, List.of(), paths));
  }

  /** As {@link #store}, with further storescu options (e.g. {@code -R}, {@code -xs}). */
  public static Result store(int port, List<String> options, String... paths)
      throws IOException, InterruptedException {
    return run(storeCommand("SEGNODE", port, options, paths));
  }

  private static List<String> storeCommand(
      String calledAe, int port, List<String> options, String... paths) {
    List<String> command =
        new ArrayList<>(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", calledAe, "+sd"));
    command.addAll(options);
    command.addAll(List.of("127.0.0.1", "" + port));
    command.addAll(List.of(paths));
    return command;
  }

  /**
   * storescu -v started in the background, its output going to {@code log}. Without TCP_NODELAY
   * (Nagle on, about 20 instances/s on loopback) a series keeps its association open for seconds:
   * long enough for a test to kill the receiver in the middle of it.
   */
  public static Process storeSlowly(int port, Path log, String... paths) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(storeCommand("SEGNODE", port, List.of(), paths))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("TCP_NODELAY");
    return builder.start();
  }

  /**
   * The files storescu -v reports acknowledged: each "Sending file" line whose next store response
   * is Success.
   */
  public static List<Path> acknowledged(String output) {
    List<Path> files = new ArrayList<>();
    Path sending = null;
    for (String line : output.split("\n")) {
      if (line.startsWith("I: Sending file: ")) {
        sending = Path.of(line.substring("I: Sending file: ".length()).trim());
      } else if (line.startsWith("I: Received Store Response (Success)") && sending != null) {
        files.add(sending);
        sending = null;
      }
    }
    return files;
  }
}
