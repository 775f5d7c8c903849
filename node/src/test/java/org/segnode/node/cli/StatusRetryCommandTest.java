package org.segnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.export.ExportRow;
import org.segnode.node.export.ExportTable;

/**
 * {@code status} and {@code retry} against the default (AUTO_SERVER) H2 file database while another
 * connection, standing in for the running node, holds it open.
 */
class StatusRetryCommandTest {
  private static final String SERIES = "1.2.826.0.1.3680043.2.1125.1";
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path dir;
  private NodeConfig config;

  @BeforeEach
  void configure() throws Exception {
    Cli.writeConfig(dir, 11112);
    config = NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
  }

  @Test
  void defaultDatabaseServesOtherConnectionsWhileHeld() {
    assertTrue(config.dbUrl().contains("AUTO_SERVER=TRUE"), config.dbUrl());
  }

  @Test
  void statusPrintsSeriesJobsAndExportsNewestFirstWithoutPatientData() throws Exception {
    try (NodeDatabase node = open()) {
      long failed = export(node, "pacs", ExportRow.State.FAILED, "DEST refused the connection");
      Cli status = Cli.run(new StatusCommand(), dir, "--limit", "5");
      assertEquals(0, status.exit(), status.err());
      assertTrue(
          status.out().contains("series=" + SERIES + " run=1 state=RECEIVING"), status.out());
      assertTrue(status.out().contains("id=" + failed + " job="), status.out());
      assertTrue(status.out().contains("state=FAILED"), status.out());
      assertTrue(status.out().contains("last_error=\"DEST refused the connection\""), status.out());
      assertTrue(status.out().contains("jobs (newest first, at most 5): 1"), status.out());
      assertFalse(status.out().toLowerCase(Locale.ROOT).contains("patient"), status.out());
    }
  }

  @Test
  void retryMakesAFailedExportPendingAndRefusesOthers() throws Exception {
    try (NodeDatabase node = open()) {
      long failed = export(node, "pacs", ExportRow.State.FAILED, "gone");
      long sent = export(node, "other", ExportRow.State.SENT, null);
      Cli retry = Cli.run(new RetryCommand(), dir, "" + failed);
      assertEquals(0, retry.exit(), retry.err());
      ExportRow row = new ExportTable(node).export(failed).orElseThrow();
      assertEquals(ExportRow.State.PENDING, row.state());
      assertEquals(0, row.attempts());
      Cli refused = Cli.run(new RetryCommand(), dir, "" + sent);
      assertEquals(1, refused.exit());
      assertEquals("export " + sent + ": expected state FAILED, found SENT\n", refused.err());
      Cli unknown = Cli.run(new RetryCommand(), dir, "999");
      assertEquals(1, unknown.exit());
      assertEquals("export 999: expected an existing export, found none\n", unknown.err());
    }
  }

  /** A second JVM (as the real `segnode status` is) reads the file the test JVM holds open. */
  @Test
  void statusFromAnotherProcessWhileTheDatabaseIsHeld() throws Exception {
    try (NodeDatabase node = open()) {
      export(node, "pacs", ExportRow.State.FAILED, "gone");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.add(StatusMain.class.getName());
      command.addAll(List.of(Cli.folders(dir)));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child status did not end within 60 s");
      assertEquals(0, process.exitValue(), out);
      assertTrue(out.contains("series=" + SERIES), out);
      assertTrue(out.contains("state=FAILED"), out);
    }
  }

  private NodeDatabase open() throws Exception {
    return NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword());
  }

  /** A series run, its job (once) and one export in {@code state}; returns the export's id. */
  private static long export(NodeDatabase db, String destination, ExportRow.State state, String e)
      throws Exception {
    long job = job(db);
    ExportTable table = new ExportTable(db);
    long id = table.insert(job, destination, Path.of("/tmp/seg.dcm"), NOW);
    table.updateExport(id, state, state == ExportRow.State.PENDING ? 0 : 3, null, e, NOW);
    return id;
  }

  private static long job(NodeDatabase db) throws Exception {
    if (db.allSeries().isEmpty()) {
      db.openRun(SERIES, "1.2.826.0.1.3680043.2.1125", NOW);
    }
    return db.withConnection(
        c -> {
          try (Statement q = c.createStatement();
              ResultSet rs = q.executeQuery("SELECT id FROM job")) {
            if (rs.next()) {
              return rs.getLong(1);
            }
          }
          try (PreparedStatement q =
              c.prepareStatement(
                  "INSERT INTO job (series_uid, run, state, queued_at, review)"
                      + " VALUES (?, 1, 'DONE', ?, 'liver volume 2100 ml above 2000 ml')",
                  Statement.RETURN_GENERATED_KEYS)) {
            q.setString(1, SERIES);
            q.setObject(2, NOW.atOffset(ZoneOffset.UTC));
            q.executeUpdate();
            try (ResultSet keys = q.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }
}
