package org.segnode.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    return store("SEGNODE", port, paths);
  }

  /** {@link #store(int, String...)} to another called AE, such as a PACS. */
  public static Result store(String calledAe, int port, String... paths)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "storescu",
                "-v",
                "-aet",
                "STORESCU",
                "-aec",
                calledAe,
                "+sd",
                "127.0.0.1",
                "" + port));
    command.addAll(List.of(paths));
    return run(command);
  }
}
