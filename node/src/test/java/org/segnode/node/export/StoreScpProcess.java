package org.segnode.node.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dcmtk storescp on loopback as a destination PACS, TCP_NODELAY=1, verbose (its log names each
 * request), stopped on close. +B writes each data set exactly as received, so a test can compare
 * bytes (by default dcmtk re-encodes sequence lengths).
 */
public final class StoreScpProcess implements AutoCloseable {
  public final Path output;
  public final int port;
  private final Process process;

  private StoreScpProcess(Path output, int port, Process process) {
    this.output = output;
    this.port = port;
    this.process = process;
  }

  public static StoreScpProcess start(Path output, int port)
      throws IOException, InterruptedException {
    return start(output, port, List.of());
  }

  /** {@code options} go before the port, e.g. dcmtk's TLS options. */
  public static StoreScpProcess start(Path output, int port, List<String> options)
      throws IOException, InterruptedException {
    Files.createDirectories(output);
    List<String> command =
        new java.util.ArrayList<>(
            List.of("storescp", "-v", "--aetitle", "DEST", "+xa", "+B", "--output-directory"));
    command.add(output.toString());
    command.addAll(options);
    command.add("" + port);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(output).toFile());
    builder.environment().put("TCP_NODELAY", "1");
    StoreScpProcess scp = new StoreScpProcess(output, port, builder.start());
    scp.awaitListening();
    return scp;
  }

  private static Path log(Path output) {
    return output.resolveSibling(output.getFileName() + ".log");
  }

  /**
   * C-STORE requests received so far (storescp -v logs each one). A file per SOP Instance UID
   * cannot tell: an object sent twice overwrites its own file.
   */
  public long storeRequests() throws IOException {
    try (var lines = Files.lines(log(output))) {
      return lines.filter(l -> l.startsWith("I: Received Store Request")).count();
    }
  }

  /** Bounded: a probe connection every 50 ms for at most 10 s. */
  private void awaitListening() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IOException(
              "expected storescp running, found it exited " + process.exitValue());
        }
        Thread.sleep(50);
      }
    }
    throw new IOException("expected storescp listening on " + port + " within 10 s, found not");
  }

  public List<Path> files() throws IOException {
    try (var files = Files.list(output)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
