package org.segnode.node;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
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
  private static final int PORT_TRIES = 3;

  /** Where SEGs go: destination.&lt;name&gt;.ae/host/port in destinations.properties. */
  public record Destination(String name, String ae, int port) {}

  /**
   * What the node is started with; each start of the same folder reuses ports and files. {@code
   * routing} is conf/routing.properties (empty: the shipped default rule); {@code quartz} overrides
   * keys of the shipped conf/quartz.properties (e.g. clustering).
   */
  public record Setup(
      Map<String, String> settings,
      Map<String, String> senders,
      List<Destination> destinations,
      Map<String, String> routing,
      Map<String, String> quartz) {
    public Setup(
        Map<String, String> settings, Map<String, String> senders, List<Destination> destinations) {
      this(settings, senders, destinations, Map.of(), Map.of());
    }

    public Setup withRouting(Map<String, String> rules) {
      return new Setup(settings, senders, destinations, rules, quartz);
    }

    public Setup withQuartz(Map<String, String> overrides) {
      return new Setup(settings, senders, destinations, routing, overrides);
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

  /**
   * Writes the configuration, starts the node and waits (bounded) until /health/ready is 200. The
   * ports are free when picked; another process may bind one before the node does, so a start that
   * fails on a taken port is tried again with new ports (at most {@value #PORT_TRIES} times).
   */
  public static NodeProcess start(Path dir, Setup setup) throws Exception {
    for (int attempt = 1; ; attempt++) {
      int port = NodeFixture.freePort();
      int httpPort = NodeFixture.freePort();
      writeConfig(dir, port, httpPort, setup);
      try {
        return launch(dir, port, httpPort);
      } catch (AssertionError notStarted) {
        if (attempt == PORT_TRIES || !notStarted.getMessage().contains("Address already in use")) {
          throw notStarted;
        }
      }
    }
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
        segnode(dir, "node")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
    builder.environment().put("SEGNODE_JAVA_OPTS", "-Xmx2g");
    NodeProcess node = new NodeProcess(dir, port, httpPort, builder.start());
    try {
      node.awaitReady();
    } catch (Exception | AssertionError notReady) {
      node.process.destroyForcibly();
      throw notReady;
    }
    return node;
  }

  /**
   * bin/segnode {@code command} with this folder's conf, ae-config and state, then {@code args}.
   */
  private static ProcessBuilder segnode(Path dir, String command, String... args) {
    List<String> line =
        new ArrayList<>(
            List.of(
                LAUNCHER.toString(),
                command,
                "--conf",
                dir.resolve("conf").toString(),
                "--ae-config",
                dir.resolve("ae-config").toString(),
                "--state",
                dir.resolve("state").toString()));
    line.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(line);
    builder.environment().put("SEGNODE_TARGET", System.getProperty("segnode.target", "target"));
    return builder;
  }

  /**
   * Runs another command of the launcher (status, retry) on this node's folders, as an admin would
   * beside the running node; returns its output (stdout and stderr) and fails unless it exits 0.
   */
  public String cli(String command, String... args) throws Exception {
    Process cli = segnode(dir, command, args).redirectErrorStream(true).start();
    // little output: reading it after the exit cannot fill the pipe
    if (!cli.waitFor(STOP_SECONDS * 2, TimeUnit.SECONDS)) {
      cli.destroyForcibly();
      throw new AssertionError("segnode " + command + " expected to end within 60 s");
    }
    String output = new String(cli.getInputStream().readAllBytes());
    if (cli.exitValue() != 0) {
      throw new AssertionError(
          "segnode " + command + " exited " + cli.exitValue() + ":\n" + output);
    }
    return output;
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
    if (!setup.routing().isEmpty()) {
      Files.writeString(conf.resolve("routing.properties"), lines(setup.routing()));
    }
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

  /** The node's configuration as it loads it (paths under its state folder filled in). */
  public NodeConfig config() throws Exception {
    return NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
  }

  /**
   * Runs {@code work} on the node's database over a connection opened and closed here. While the
   * node runs, H2's AUTO_SERVER lets the test in through the node; while it is down (after {@link
   * #kill9}) the test opens the file itself. The connection never outlives the call: one held
   * across a kill or restart would leave the test process serving the node's database.
   */
  public <T> T query(NodeDatabase.SqlWork<T> work) throws Exception {
    NodeConfig config = config();
    try (NodeDatabase db =
        NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
      return db.withConnection(work);
    }
  }

  /** The first column of every row {@code sql} selects, as strings, in the order returned. */
  public List<String> column(String sql) throws Exception {
    return query(
        c -> {
          List<String> values = new ArrayList<>();
          try (var q = c.prepareStatement(sql);
              var rs = q.executeQuery()) {
            while (rs.next()) {
              values.add(rs.getString(1));
            }
          }
          return values;
        });
  }

  /** Every file under the spool: committed instances and any temporary file in .incoming. */
  public List<Path> spoolFiles() throws Exception {
    Path spool = config().spoolDir();
    if (!Files.isDirectory(spool)) {
      return List.of();
    }
    try (var files = Files.walk(spool)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Bounded: polls the log every 10 ms until it contains {@code text}, at most {@code ms}. */
  public void awaitLog(String text, long ms) throws Exception {
    long deadline = System.currentTimeMillis() + ms;
    Path log = dir.resolve("node.log");
    while (System.currentTimeMillis() < deadline) {
      if (Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "expected '" + text + "' in the node's log within " + ms + " ms\n" + logTail());
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
