package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.NodeProcess;
import org.segnode.node.db.PostgresServer;
import org.segnode.node.export.StoreScpProcess;

/**
 * Two packaged nodes on one PostgreSQL database and one spool and outbox folder, Quartz clustered,
 * one dcmtk storescp as destination (unique file names, so a second send would show as a second
 * file). A real MR series (CHAOS) sent to node A comes out as exactly one SEG whichever node
 * segments and exports it; a node killed while segmenting has its job recovered by the other, and a
 * series whose receiving node died before completing it is completed by the other.
 */
@Tag("packaged-node")
class PostgresClusterIT {
  private static final long WAIT_MS = 180_000;
  private static final String RUNNING = "segment job RUNNING";
  @RegisterExtension static final PostgresServer server = new PostgresServer();

  @TempDir Path dir;
  private String url;
  private final List<AutoCloseable> open = new ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void stopAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void seriesSentToOneNodeGivesOneSegAndBothNodesReportIt() throws Exception {
    Path series = writeSeries();
    StoreScpProcess pacs = startPacs();
    NodeProcess a = startNode("a", pacs, 1);
    NodeProcess b = startNode("b", pacs, 1);

    send(a, series);
    awaitExportSent();

    assertEquals(1, pacs.files().size(), "SEGs at the destination: " + pacs.files());
    String seriesUid = new DicomSeriesReader().read(series).seriesInstanceUid();
    for (NodeProcess node : List.of(a, b)) {
      String status = node.cli("status");
      assertTrue(status.contains("series=" + seriesUid + " run=1 state=COMPLETE"), status);
      assertTrue(status.contains("state=DONE"), status);
      assertTrue(status.contains("state=SENT"), status);
      assertTrue(
          java.util.regex.Pattern.compile("updated=\\d{4}-\\d\\d-\\d\\dT\\S+Z")
              .matcher(status)
              .find(),
          "times in UTC ISO form expected:\n" + status);
    }
  }

  @Test
  void jobOfANodeKilledWhileSegmentingIsRecoveredByTheOther() throws Exception {
    Path series = writeSeries();
    StoreScpProcess pacs = startPacs();
    NodeProcess a = startNode("a", pacs, 1);
    NodeProcess b = startNode("b", pacs, 1);

    send(a, series);
    NodeProcess worker = awaitLogLine(List.of(a, b), RUNNING);
    worker.kill9();
    NodeProcess survivor = worker == a ? b : a;
    awaitExportSent();

    assertEquals(1, pacs.files().size(), "SEGs at the destination: " + pacs.files());
    String log = Files.readString(survivor.dir.resolve("node.log"));
    // Quartz's cluster manager on the survivor re-fires the dead node's job
    assertTrue(log.contains("recoverable job(s) for recovery"), survivor.logTail());
    assertTrue(
        log.contains(RUNNING), "the survivor expected to run the job:\n" + survivor.logTail());
    assertEquals("DONE 2", query("SELECT state || ' ' || attempts FROM job"));
  }

  @Test
  void seriesOfANodeKilledBeforeItsCompletionIsCompletedByTheOther() throws Exception {
    Path series = writeSeries();
    StoreScpProcess pacs = startPacs();
    // long enough for node A to be gone before its own timer runs out
    NodeProcess a = startNode("a", pacs, 10);
    NodeProcess b = startNode("b", pacs, 10);

    send(a, series);
    a.kill9();
    awaitExportSent();

    assertEquals(1, pacs.files().size(), "SEGs at the destination: " + pacs.files());
    String log = Files.readString(b.dir.resolve("node.log"));
    assertTrue(log.contains("left open by a stopped node"), b.logTail());
    assertEquals("COMPLETE 1", query("SELECT state || ' ' || COUNT(*) FROM series GROUP BY state"));
  }

  private StoreScpProcess startPacs() throws Exception {
    StoreScpProcess pacs =
        StoreScpProcess.start(
            dir.resolve("pacs"), NodeFixture.freePort(), List.of("--unique-filenames"));
    open.add(pacs);
    return pacs;
  }

  /**
   * A node on the shared database, spool and outbox; Quartz clustered, checking in every second.
   */
  private NodeProcess startNode(String name, StoreScpProcess pacs, int inactivitySeconds)
      throws Exception {
    if (url == null) {
      url = server.createDatabase();
    }
    NodeProcess.Setup setup =
        new NodeProcess.Setup(
                Map.of(
                    "db.url",
                    url,
                    "db.user",
                    PostgresServer.USER,
                    "spool.dir",
                    dir.resolve("shared/spool").toString(),
                    "outbox.dir",
                    dir.resolve("shared/outbox").toString(),
                    "spool.min-free-mb",
                    "1",
                    "series.inactivity-seconds",
                    "" + inactivitySeconds),
                Map.of("STORESCU", "127.0.0.1"),
                List.of(new NodeProcess.Destination("pacs", "DEST", pacs.port)))
            .withQuartz(
                Map.of(
                    "org.quartz.jobStore.isClustered",
                    "true",
                    "org.quartz.scheduler.instanceId",
                    "AUTO",
                    "org.quartz.jobStore.clusterCheckinInterval",
                    "1000",
                    "org.quartz.jobStore.acquireTriggersWithinLock",
                    "true"));
    NodeProcess node = NodeProcess.start(dir.resolve(name), setup);
    open.add(node);
    return node;
  }

  private Path writeSeries() throws Exception {
    Path series = dir.resolve("series");
    new ChaosPatient(3).writeSeries(series, "cluster");
    return series;
  }

  private static void send(NodeProcess node, Path series) throws Exception {
    Dcmtk.Result sent = Dcmtk.store(node.port, series.toString());
    assertEquals(0, sent.exitCode(), sent.output());
  }

  /** Bounded poll of the shared database until the one export is SENT. */
  private void awaitExportSent() throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    String states = "";
    while (System.currentTimeMillis() < deadline) {
      states = query("SELECT string_agg(state, ',') FROM export");
      if ("SENT".equals(states)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("expected one export SENT within " + WAIT_MS + " ms, found " + states);
  }

  /** Bounded poll of the nodes' logs; returns the first node whose log has {@code line}. */
  private static NodeProcess awaitLogLine(List<NodeProcess> nodes, String line) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      for (NodeProcess node : nodes) {
        if (Files.readString(node.dir.resolve("node.log")).contains(line)) {
          return node;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("expected '" + line + "' in a node's log within " + WAIT_MS + " ms");
  }

  /** The first column of the first row, as text ("" when null). */
  private String query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return String.valueOf(rs.getString(1));
    }
  }
}
