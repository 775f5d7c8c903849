package org.segnode.node.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.db.PostgresServer;
import org.segnode.node.db.StoredInstance;
import org.segnode.node.export.ExportRow;
import org.segnode.node.export.ExportTable;
import org.segnode.node.segment.SegmentOutcome;
import org.segnode.node.series.SeriesRow;

/**
 * The node's SQL (series, instances, refusals, jobs, exports) and Quartz's tables on both databases
 * the node supports: the embedded H2 default and PostgreSQL (one server for the class, one database
 * per test).
 */
class NodeTablesTest {
  private static final String SERIES = "1.2.826.0.1.3680043.2.1";
  // both databases keep microseconds
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
  @RegisterExtension static final PostgresServer server = new PostgresServer();

  @TempDir Path dir;
  private String url;
  private String user;
  private NodeDatabase db;

  enum Kind {
    H2,
    POSTGRESQL
  }

  private void open(Kind kind) throws Exception {
    url = kind == Kind.H2 ? "jdbc:h2:file:" + dir.resolve("db") : server.createDatabase();
    user = kind == Kind.H2 ? "sa" : PostgresServer.USER;
    db = NodeDatabase.open(url, user, "");
  }

  @AfterEach
  void close() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private void store(String sop, int run, Instant at) throws SQLException {
    db.insertInstance(
        new StoredInstance(
            sop,
            "1.2.840.10008.5.1.4.1.1.4",
            "1.2.840.10008.1.2.1",
            "1.2.3",
            SERIES,
            run,
            Path.of("/spool/" + sop),
            10,
            "PACS",
            at));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void seriesInstancesAndRefusals(Kind kind) throws Exception {
    open(kind);
    assertEquals(1, db.openRun(SERIES, "1.2.3", T0));
    store("1.1", 1, T0);
    store("1.2", 1, T0.plusSeconds(2));
    SQLException again = assertThrows(SQLException.class, () -> store("1.2", 1, T0));
    assertTrue(NodeDatabase.isDuplicate(again), "SQLState " + again.getSQLState());
    assertTrue(db.hasInstance("1.2"));

    assertEquals(
        List.of(new SeriesRow(SERIES, 1, "1.2.3", "RECEIVING", 0, T0.plusSeconds(2))),
        db.openRuns());
    assertEquals(1, db.openRun(SERIES, "1.2.3", T0), "the run RECEIVING is joined");
    assertEquals(OptionalInt.of(2), db.completeRun(SERIES, 1, T0.plusSeconds(9)));
    assertEquals(OptionalInt.empty(), db.completeRun(SERIES, 1, T0), "completed once");
    assertEquals(List.of(), db.openRuns());
    assertEquals(2, db.openRun(SERIES, "1.2.3", T0.plusSeconds(20)), "next run");
    assertEquals(2, db.allSeries().size());

    db.insertRefusal("PACS", "1.2.3.4", "5.6", 0xA700, "x".repeat(300));
    assertEquals(List.of("0xA700 " + "x".repeat(256)), db.refusalReasons());
    assertEquals(2, db.instanceCount());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void oneJobPerRunAndOneRunningPerSeries(Kind kind) throws Exception {
    open(kind);
    JobTable jobs = new JobTable(db);
    db.openRun(SERIES, "1.2.3", T0);
    store("1.1", 1, T0);
    db.completeRun(SERIES, 1, T0);
    assertEquals(2, db.openRun(SERIES, "1.2.3", T0));
    store("2.1", 2, T0);
    long first = jobs.insertQueued(SERIES, 1, "liver-mr", T0).getAsLong();
    long second = jobs.insertQueued(SERIES, 2, "liver-mr", T0).getAsLong();
    assertEquals(
        OptionalLong.empty(), jobs.insertQueued(SERIES, 1, "liver-mr", T0), "same run again");

    assertTrue(jobs.claim(first, SERIES, T0));
    assertFalse(jobs.claim(second, SERIES, T0), "series busy with run 1");
    assertTrue(jobs.claim(first, SERIES, T0), "a job running at a crash claims itself again");
    assertEquals(2, jobs.find(first).attempts());
    Path seg = Path.of("/outbox/1.dcm");
    jobs.done(first, new SegmentOutcome(seg, null, null, null, 1200, 0.9, 1), T0);
    assertTrue(jobs.claim(second, SERIES, T0), "series free again");
    jobs.failed(second, "r".repeat(2000), T0);

    assertEquals(
        List.of(JobRow.DONE, JobRow.FAILED), jobs.all().stream().map(JobRow::state).toList());
    assertEquals(1024, jobs.find(second).reason().length());
    assertEquals(List.of(), jobs.unfinished());
    assertEquals(
        List.of(Path.of("/spool/1.1"), Path.of("/spool/2.1")), jobs.instancePaths(SERIES, 2));
    jobs.addExports(first, seg, List.of("pacs", "viewer"), T0);
    jobs.addExports(first, seg, List.of("pacs", "viewer"), T0);
    assertEquals(List.of("pacs PENDING", "viewer PENDING"), jobs.exports(first));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void exportRowsKeepStatesAndTimes(Kind kind) throws Exception {
    open(kind);
    db.openRun(SERIES, "1.2.3", T0);
    long job = new JobTable(db).insertQueued(SERIES, 1, "liver-mr", T0).getAsLong();
    ExportTable exports = new ExportTable(db);
    long id = exports.insert(job, "pacs", Path.of("/outbox/1.dcm"), T0);
    long other = exports.insert(job, "viewer", Path.of("/outbox/1.dcm"), T0.minusSeconds(5));
    assertEquals(List.of(other, id), exports.pending().stream().map(ExportRow::id).toList());

    Instant next = T0.plusSeconds(30).truncatedTo(ChronoUnit.MICROS);
    exports.updateExport(id, ExportRow.State.PENDING, 1, next, "refused", T0);
    exports.updateExport(other, ExportRow.State.SENT, 1, null, null, T0);
    ExportRow row = exports.export(id).orElseThrow();
    assertEquals(
        new ExportRow(
            id,
            SERIES,
            1,
            Path.of("/outbox/1.dcm"),
            "pacs",
            ExportRow.State.PENDING,
            1,
            next,
            "refused"),
        row);
    assertEquals(List.of(id), exports.pending().stream().map(ExportRow::id).toList());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void quartzTablesAreCreatedOnceWithTheMatchingDelegate(Kind kind) throws Exception {
    open(kind);
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      QuartzSchema.Database first = QuartzSchema.createIfAbsent(c);
      assertEquals(first, QuartzSchema.createIfAbsent(c), "second call finds the tables");
      assertEquals(kind.name(), first.name());
      assertTrue(
          first.delegate.endsWith(kind == Kind.H2 ? "StdJDBCDelegate" : "PostgreSQLDelegate"),
          first.delegate);
    }
  }

  /** Nodes starting together on a new database each create the tables when absent. */
  @org.junit.jupiter.api.Test
  void nodesStartingTogetherCreateTheTablesOnce() throws Exception {
    String fresh = server.createDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<QuartzSchema.Database>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(
            pool.submit(
                () -> {
                  try (NodeDatabase node = NodeDatabase.open(fresh, PostgresServer.USER, "");
                      Connection c = DriverManager.getConnection(fresh, PostgresServer.USER, "")) {
                    return QuartzSchema.createIfAbsent(c);
                  }
                }));
      }
      for (Future<QuartzSchema.Database> start : starts) {
        assertEquals(QuartzSchema.Database.POSTGRESQL, start.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
