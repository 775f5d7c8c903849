package org.segnode.node;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.segnode.node.http.Scrape;

/**
 * The packaged node run as its own process with {@code bin/segnode node}, as an admin runs it: its
 * own conf/, ae-config/ and state/ under one folder, the node's log in {@code node.log} there. For
 * integration tests (*IT, run by failsafe after the module jars are packaged); {@code
 * segnode.target} names the build folder the launcher takes the jars from.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Path LAUNCHER = Path.of("../bin/segnode").toAbsolutePath().normalize();
  private static final Path QUARTZ = Path.of("../conf/quartz.properties");
  private static final long READY_MS = 90_000;
  private static final long STOP_SECONDS = 30;

  /** Where SEGs go: destination.&lt;name&gt;.ae/host/port in destinations.properties. */
  public record Destination(String name, String ae, int port) {}

  /**
   * What the node is started with; each start of the same folder reuses ports and files. {@code
   * quartz} overrides keys of the shipped conf/quartz.properties (e.g. clustering).
   */
  public record Setup(
      Map<String, String> settings,
      Map<String, String> senders,
      List<Destination> destinations,
      Map<String, String> quartz) {
    public Setup(
        Map<String, String> settings, Map<String, String> senders, List<Destination> destinations) {
      this(settings, senders, destinations, Map.of());
    }
  }

  public final Path dir;
  public final int port;
  public final int httpPort;
  private final Process process;

  private NodeProcess(Path dir, int port, int httpPort, Process process) {
    this.dir = dir;
    this.port = port;
    this.httpPort = httpPort;
    this.process = process;
  }

  /** Writes the configuration, starts the node and waits (bounded) until /health/ready is 200. */
  public static NodeProcess start(Path dir, Setup setup) throws Exception {
    int port = NodeFixture.freePort();
    int httpPort = NodeFixture.freePort();
    writeConfig(dir, port, httpPort, setup);
    return launch(dir, port, httpPort);
  }

  /** The same node again (same folder, ports and state), after {@link #kill9} or {@link #close}. */
  public NodeProcess restart() throws Exception {
    if (process.isAlive()) {
      throw new IllegalStateException("expected the node stopped before restart, found it running");
    }
    return launch(dir, port, httpPort);
  }

  private static NodeProcess launch(Path dir, int port, int httpPort) throws Exception {
    ProcessBuilder builder =
        launcher(dir, "node")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
    NodeProcess node = new NodeProcess(dir, port, httpPort, builder.start());
    node.awaitReady();
    return node;
  }

  /** bin/segnode {@code command} on this node's folders. */
  private static ProcessBuilder launcher(Path dir, String command) {
    ProcessBuilder builder =
        new ProcessBuilder(
            LAUNCHER.toString(),
            command,
            "--conf",
            dir.resolve("conf").toString(),
            "--ae-config",
            dir.resolve("ae-config").toString(),
            "--state",
            dir.resolve("state").toString());
    builder.environment().put("SEGNODE_TARGET", System.getProperty("segnode.target", "target"));
    builder.environment().put("SEGNODE_JAVA_OPTS", "-Xmx2g");
    return builder;
  }

  /** {@code segnode status} on this node's configuration, as an admin runs it beside the node. */
  public Dcmtk.Result status() throws IOException, InterruptedException {
    Process status = launcher(dir, "status").redirectErrorStream(true).start();
    // read after exit: the report is a few lines
    if (!status.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
      status.destroyForcibly();
      throw new AssertionError("expected segnode status done within " + STOP_SECONDS + " s");
    }
    return new Dcmtk.Result(
        status.exitValue(),
        new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void writeConfig(Path dir, int port, int httpPort, Setup setup)
      throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path ae = Files.createDirectories(dir.resolve("ae-config"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("http.port", "" + httpPort);
    settings.put("model.path", Path.of("../models/liver-mr-t2/model.onnx").toAbsolutePath() + "");
    settings.putAll(setup.settings());
    Files.writeString(conf.resolve("segnode.properties"), lines(settings));
    Files.writeString(
        conf.resolve("quartz.properties"), Files.readString(QUARTZ) + lines(setup.quartz()));
    Files.writeString(
        ae.resolve("ae.properties"), "ae.title=SEGNODE\nae.bind=127.0.0.1\nae.port=" + port + "\n");
    Files.writeString(ae.resolve("senders.properties"), lines(setup.senders()));
    Map<String, String> destinations = new LinkedHashMap<>();
    for (Destination d : setup.destinations()) {
      destinations.put("destination." + d.name() + ".ae", d.ae());
      destinations.put("destination." + d.name() + ".host", "127.0.0.1");
      destinations.put("destination." + d.name() + ".port", "" + d.port());
    }
    Files.writeString(ae.resolve("destinations.properties"), lines(destinations));
  }

  private static String lines(Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    entries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString();
  }

  /** Bounded: polls /health/ready every 200 ms for at most {@value #READY_MS} ms. */
  private void awaitReady() throws Exception {
    long deadline = System.currentTimeMillis() + READY_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "expected the node running, found it exited " + process.exitValue() + "\n" + logTail());
      }
      if (readyStatus() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("expected the node ready within " + READY_MS + " ms\n" + logTail());
  }

  private int readyStatus() {
    try {
      HttpResponse<String> ready = Scrape.get(httpPort, "/health/ready");
      return ready.statusCode();
    } catch (Exception notListeningYet) {
      return -1;
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, as in a power cut of the process. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "expected the node gone after SIGKILL within " + STOP_SECONDS + " s");
    }
  }

  /** The last 40 lines of the node's log (every start appends to it). */
  public String logTail() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("node.log")));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** SIGTERM and a bounded wait for the clean stop; SIGKILL if it does not come. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    }
  }
}
