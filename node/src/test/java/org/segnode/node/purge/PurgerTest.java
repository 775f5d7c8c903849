package org.segnode.node.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.TestClock;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.db.StoredInstance;
import org.segnode.node.export.ExportRow;
import org.segnode.node.export.ExportTable;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.series.SeriesRow;

/** Which series runs the purge removes, with the clock advanced instead of waiting days. */
class PurgerTest {
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final String STUDY = "1.2.3";

  @TempDir Path dir;
  private final TestClock clock = new TestClock();
  private NodeDatabase db;
  private Path spool;
  private Path outbox;
  private Purger purger;

  @BeforeEach
  void open() throws Exception {
    db = NodeDatabase.open("jdbc:h2:file:" + dir.resolve("db/segnode"), "sa", "");
    spool = dir.resolve("spool");
    outbox = dir.resolve("outbox");
    purger = new Purger(db, spool, outbox, RETENTION, clock, new NodeMetrics());
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void removesOnlyRunsFinishedLongerThanTheRetentionAgo() throws Exception {
    run("1.1", 1, "SKIPPED");
    run("1.2", 1, "DONE", ExportRow.State.SENT, ExportRow.State.SENT);

    clock.advance(RETENTION.minusMinutes(1));
    assertEquals(0, purger.purge(), "still within the retention");
    assertEquals(Map.of("1.1/1", "COMPLETE", "1.2/1", "COMPLETE"), states());

    clock.advance(Duration.ofMinutes(2));
    assertEquals(2, purger.purge());
    assertEquals(Map.of("1.1/1", "PURGED", "1.2/1", "PURGED"), states());
    assertFalse(Files.exists(spool.resolve(STUDY)), "spool folders of purged runs");
    assertFalse(Files.exists(outbox.resolve("1.2")), "outbox folder of a purged run");
    assertEquals(0, db.instanceCount());
    assertEquals(0, purger.purge(), "a purged run is not purged again");
  }

  @Test
  void keepsFailedPendingAndUnfinishedWork() throws Exception {
    run("2.1", 1, "DONE", ExportRow.State.SENT, ExportRow.State.FAILED);
    run("2.2", 1, "DONE", ExportRow.State.PENDING);
    run("2.3", 1, "FAILED");
    run("2.4", 1, "SKIPPED");
    db.openRun("2.4", STUDY, clock.instant()); // run 2 of 2.4 still receiving
    run("2.5", 1, "QUEUED");

    clock.advance(RETENTION.multipliedBy(10));
    assertEquals(0, purger.purge());
    assertEquals(
        Map.of(
            "2.1/1", "COMPLETE",
            "2.2/1", "COMPLETE",
            "2.3/1", "COMPLETE",
            "2.4/1", "COMPLETE",
            "2.4/2", "RECEIVING",
            "2.5/1", "COMPLETE"),
        states());
    assertEquals(5, db.instanceCount());
    assertTrue(Files.exists(outbox.resolve("2.1/1.dcm")), "SEG of a FAILED export");
  }

  @Test
  void aLateExportResetsTheClockOfItsRun() throws Exception {
    long export = run("3.1", 1, "DONE", ExportRow.State.FAILED).exportId;
    clock.advance(RETENTION.minusDays(1));
    // retried by hand and sent: the run is finished from now on
    new ExportTable(db).updateExport(export, ExportRow.State.SENT, 1, null, null, clock.instant());

    clock.advance(Duration.ofDays(2));
    assertEquals(0, purger.purge(), "sent one day ago");
    clock.advance(RETENTION);
    assertEquals(1, purger.purge());
  }

  private record Run(long jobId, long exportId) {}

  /** A complete run with one spooled instance, its job in {@code state} and exports. */
  private Run run(String series, int run, String state, ExportRow.State... exports)
      throws Exception {
    Instant now = clock.instant();
    db.openRun(series, STUDY, now);
    Path file = spool.resolve(STUDY).resolve(series).resolve(series + "." + run + ".dcm");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "instance");
    db.insertInstance(
        new StoredInstance(
            series + "." + run,
            "1.2.840.10008.5.1.4.1.1.4",
            "1.2.840.10008.1.2.1",
            STUDY,
            series,
            run,
            file,
            8,
            "STORESCU",
            now));
    db.completeRun(series, run, now);
    Path seg = null;
    if (state.equals("DONE")) {
      seg = outbox.resolve(series).resolve(run + ".dcm");
      Files.createDirectories(seg.getParent());
      Files.writeString(seg, "seg");
      Files.writeString(seg.resolveSibling(run + ".nii.gz"), "nifti");
      Files.writeString(seg.resolveSibling(run + ".png"), "overview");
    }
    long job = job(series, run, state, seg, now);
    long exportId = 0;
    ExportTable table = new ExportTable(db);
    for (int i = 0; i < exports.length; i++) {
      exportId = table.insert(job, "dest" + i, seg, now);
      table.updateExport(exportId, exports[i], 1, null, null, now);
    }
    return new Run(job, exportId);
  }

  private long job(String series, int run, String state, Path seg, Instant now) throws Exception {
    return db.withConnection(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "INSERT INTO job (series_uid, run, state, seg_path, queued_at, finished_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            q.setString(1, series);
            q.setInt(2, run);
            q.setString(3, state);
            q.setString(4, seg == null ? null : seg.toString());
            q.setObject(5, now.atOffset(ZoneOffset.UTC));
            q.setObject(6, state.equals("QUEUED") ? null : now.atOffset(ZoneOffset.UTC));
            q.executeUpdate();
            try (ResultSet keys = q.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }

  private Map<String, String> states() throws Exception {
    Map<String, String> states = new TreeMap<>();
    for (SeriesRow row : db.allSeries()) {
      states.put(row.seriesUid() + "/" + row.run(), row.state());
    }
    return states;
  }
}
