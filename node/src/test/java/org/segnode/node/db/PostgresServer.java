package org.segnode.node.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.segnode.node.NodeFixture;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temporary folder, {@code pg_ctl
 * start} on a free loopback port (socket in the same folder), trust authentication for user {@code
 * postgres}. Share one per test class and take a fresh {@link #createDatabase} per test. PostgreSQL
 * refuses to run as root, so as root the tools run as the {@code postgres} user through {@code
 * runuser}, which must then exist (scripts/setup-debian.sh --tests installs it with the server).
 * Register it as {@code @RegisterExtension static final PostgresServer PG = new PostgresServer();}:
 * one server per test class.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
  public static final String USER = "postgres";
  private static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", defaultBin()));
  private static final long TOOL_SECONDS = 60;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private Path dir;
  private int port;

  /** Started before the class's tests, stopped after them. */
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  /** Creates and starts the server; fails with what was missing (never skips). */
  private void start() throws Exception {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      throw new AssertionError(
          "expected PostgreSQL's initdb in "
              + BIN
              + " (set PG_BIN, or run scripts/setup-debian.sh --tests), found none");
    }
    dir = Files.createTempDirectory("segnode-pg");
    port = NodeFixture.freePort();
    try {
      if (asRoot()) {
        run(List.of("chown", USER, dir.toString()), false);
      }
      tool("initdb", "-D", data(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync");
      tool(
          "pg_ctl",
          "-D",
          data(),
          "-l",
          dir.resolve("server.log").toString(),
          "-w",
          "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
          "start");
    } catch (Exception | AssertionError e) {
      delete();
      throw e;
    }
  }

  /** A new empty database; returns its JDBC URL (user {@link #USER}, no password). */
  public String createDatabase() throws Exception {
    String name = "segnode_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void tool(String name, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(BIN.resolve(name).toString());
    command.addAll(List.of(args));
    run(command, asRoot());
  }

  private static void run(List<String> command, boolean asPostgres) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(TOOL_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("expected " + full + " done within " + TOOL_SECONDS + " s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "expected " + full + " to succeed, found exit " + p.exitValue() + ":\n" + out);
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Debian's newest installed server, e.g. /usr/lib/postgresql/15/bin. */
  private static String defaultBin() {
    Path versions = Path.of("/usr/lib/postgresql");
    try (Stream<Path> dirs = Files.list(versions)) {
      return dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString())))
          .map(d -> d.resolve("bin").toString())
          .orElse(versions + "/<version>/bin");
    } catch (IOException e) {
      return versions + "/<version>/bin";
    }
  }

  /** Stops the server at once (its data is thrown away) and deletes the folder. */
  private void stop() throws Exception {
    if (dir == null) {
      return;
    }
    try {
      tool("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
    } finally {
      delete();
    }
  }

  private void delete() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
