package org.segnode.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.segnode.node.config.ConfigException;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.queue.QuartzSettings;
import org.segnode.node.series.CompletedSeries;
import org.segnode.node.spool.SpoolOutput;

/**
 * A receiver on a free loopback port with its own configuration, state folder and test clock;
 * completed series are collected. Senders allowed: STORESCU and ECHOSCU from 127.0.0.1.
 */
public final class NodeFixture implements AutoCloseable {
  public final Path dir;
  public final NodeConfig config;
  public final TestClock clock = new TestClock();
  public final List<CompletedSeries> completed = new CopyOnWriteArrayList<>();
  public final ReceiverNode node;

  private NodeFixture(Path dir, NodeConfig config, SpoolOutput.Opener opener)
      throws IOException, SQLException {
    this.dir = dir;
    this.config = config;
    this.node = ReceiverNode.start(config, clock, completed::add, opener);
  }

  public static NodeFixture start(Path dir, Map<String, String> settings, SpoolOutput.Opener opener)
      throws IOException, SQLException, ConfigException {
    return start(dir, settings, "", opener);
  }

  /** {@code aeLines} are appended to {@code ae-config/ae.properties} (e.g. the TLS keys). */
  public static NodeFixture start(
      Path dir, Map<String, String> settings, String aeLines, SpoolOutput.Opener opener)
      throws IOException, SQLException, ConfigException {
    writeConfig(dir, freePort(), settings);
    Files.writeString(
        dir.resolve("ae-config/ae.properties"), aeLines, java.nio.file.StandardOpenOption.APPEND);
    return new NodeFixture(dir, load(dir), opener);
  }

  /**
   * The whole node (receiver, queue, HTTP) on a free DICOM port with the shipped Quartz settings;
   * files already under {@code dir}'s conf/ and ae-config/ (routing, destinations) are kept.
   */
  public static NodeService startService(Path dir, Map<String, String> settings) throws Exception {
    writeConfig(dir, freePort(), settings);
    return NodeService.start(load(dir), QuartzSettings.load(Path.of("../conf/quartz.properties")));
  }

  /** Writes {@code ae-config/destinations.properties} with one destination on 127.0.0.1. */
  public static void writeDestination(Path dir, String name, String ae, int port)
      throws IOException {
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(
        dir.resolve("ae-config/destinations.properties"),
        String.format(
            "destination.%1$s.ae=%2$s\ndestination.%1$s.host=127.0.0.1\n"
                + "destination.%1$s.port=%3$d\n",
            name, ae, port));
  }

  private static NodeConfig load(Path dir) throws ConfigException {
    return NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
  }

  public static NodeFixture start(Path dir) throws Exception {
    return start(dir, Map.of("spool.min-free-mb", "1"), SpoolOutput::open);
  }

  public int port() {
    return node.port();
  }

  public Path spool() {
    return config.spoolDir();
  }

  /** Files under the spool other than the temporary-file folder itself. */
  public List<Path> spoolFiles() throws IOException {
    try (var files = Files.walk(spool())) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static void writeConfig(Path dir, int port, Map<String, String> settings) throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    StringBuilder node = new StringBuilder();
    settings.forEach((k, v) -> node.append(k).append('=').append(v).append('\n'));
    Files.writeString(dir.resolve("conf/segnode.properties"), node);
    Files.writeString(
        dir.resolve("ae-config/ae.properties"),
        "ae.title=SEGNODE\nae.bind=127.0.0.1\nae.port=" + port + "\n");
    Files.writeString(
        dir.resolve("ae-config/senders.properties"),
        "STORESCU=127.0.0.1\nECHOSCU=127.0.0.1\nPIXELMED=127.0.0.1\n");
  }

  /** A port free a moment ago; the node binds it right after. */
  public static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    node.close();
  }
}
