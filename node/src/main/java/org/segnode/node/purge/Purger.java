package org.segnode.node.purge;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.http.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Removes the spool and outbox files of finished series runs older than the retention period, and
 * the runs' instance rows; the series row becomes PURGED and the job and export rows stay, so
 * {@code segnode status} still shows what happened. Finished means SKIPPED, or DONE with every
 * export SENT, and no other run of the series still in progress. FAILED jobs and exports, and
 * anything pending, are never touched. Files go before rows, so a crash in between leaves a run the
 * next purge completes.
 *
 * <p>An instance of the same series arriving while its emptied folder is deleted finds the folder
 * gone at its rename; the spool then creates it again and renames once more. Only if the purge
 * removes the folder a second time in between does that C-STORE fail (nothing acknowledged, the
 * sender's retry succeeds). Not prevented by a lock because it needs a new run of a series finished
 * a retention period ago.
 */
public final class Purger {
  private static final Logger LOG = LoggerFactory.getLogger(Purger.class);
  private static final String FINISHED_RUNS =
      "SELECT s.series_uid, s.run, j.seg_path FROM series s"
          + " JOIN job j ON j.series_uid = s.series_uid AND j.run = s.run"
          + " WHERE s.state = 'COMPLETE' AND j.finished_at < ?"
          + " AND (j.state = 'SKIPPED' OR (j.state = 'DONE' AND NOT EXISTS"
          + " (SELECT 1 FROM export e WHERE e.job_id = j.id AND e.state <> 'SENT')))"
          + " AND NOT EXISTS (SELECT 1 FROM export e WHERE e.job_id = j.id AND e.updated_at >= ?)"
          // a later run of the series reads this run's instances too: wait until it is finished
          + " AND NOT EXISTS (SELECT 1 FROM series o LEFT JOIN job oj"
          + " ON oj.series_uid = o.series_uid AND oj.run = o.run"
          + " WHERE o.series_uid = s.series_uid AND o.state <> 'PURGED'"
          + " AND (oj.id IS NULL OR oj.state IN ('QUEUED', 'RUNNING')))"
          + " ORDER BY s.completed_at, s.series_uid, s.run";

  private record Run(String seriesUid, int run, Path seg) {}

  private final NodeDatabase db;
  private final Path spool;
  private final Path outbox;
  private final Duration retention;
  private final Clock clock;
  private final NodeMetrics metrics;

  public Purger(
      NodeDatabase db,
      Path spool,
      Path outbox,
      Duration retention,
      Clock clock,
      NodeMetrics metrics) {
    this.db = db;
    this.spool = spool.toAbsolutePath().normalize();
    this.outbox = outbox.toAbsolutePath().normalize();
    this.retention = retention;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Purges every run finished before now minus the retention; returns how many. */
  public int purge() throws SQLException {
    Instant cutoff = clock.instant().minus(retention);
    List<Run> runs = db.withConnection(c -> finishedBefore(c, cutoff));
    int purged = 0;
    for (Run run : runs) {
      MDC.put("series", run.seriesUid());
      try {
        purged += purge(run) ? 1 : 0;
      } finally {
        MDC.remove("series");
      }
    }
    metrics.seriesPurged(purged);
    return purged;
  }

  private boolean purge(Run run) throws SQLException {
    List<Path> instances = instancePaths(run);
    List<Path> outputs = run.seg() == null ? List.of() : outputs(run.seg(), run.run());
    try {
      deleteAll(instances, spool);
      deleteAll(outputs, outbox);
    } catch (IOException e) {
      // kept COMPLETE: the next purge tries again
      LOG.warn("run {} not purged: {}", run.run(), e.toString());
      return false;
    }
    markPurged(run);
    LOG.info(
        "run {} PURGED: {} instance file(s), {} outbox file(s)",
        run.run(),
        instances.size(),
        outputs.size());
    return true;
  }

  /** The SEG, the NIfTI and the PNG overview beside it ({@code output.*}), whichever exist. */
  private static List<Path> outputs(Path seg, int run) {
    return List.of(seg, seg.resolveSibling(run + ".nii.gz"), seg.resolveSibling(run + ".png"));
  }

  /**
   * Deletes the files (only those under {@code root}: a row pointing elsewhere is not ours to
   * delete) and then their folders up to {@code root} as they become empty.
   */
  private static void deleteAll(List<Path> files, Path root) throws IOException {
    for (Path file : files) {
      Path path = file.toAbsolutePath().normalize();
      if (!path.startsWith(root)) {
        LOG.warn("not deleting {}: expected a file under {}", path, root);
        continue;
      }
      Files.deleteIfExists(path);
      deleteEmptyParents(path.getParent(), root);
    }
  }

  private static void deleteEmptyParents(Path dir, Path root) throws IOException {
    for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
    }
  }

  private List<Path> instancePaths(Run run) throws SQLException {
    return db.withConnection(
        c -> {
          List<Path> paths = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement("SELECT path FROM instance WHERE series_uid = ? AND run = ?")) {
            q.setString(1, run.seriesUid());
            q.setInt(2, run.run());
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                paths.add(Path.of(rs.getString(1)));
              }
            }
          }
          return paths;
        });
  }

  private void markPurged(Run run) throws SQLException {
    db.withConnection(
        c -> {
          try (PreparedStatement delete =
                  c.prepareStatement("DELETE FROM instance WHERE series_uid = ? AND run = ?");
              PreparedStatement mark =
                  c.prepareStatement(
                      "UPDATE series SET state = 'PURGED', purged_at = ?"
                          + " WHERE series_uid = ? AND run = ?")) {
            delete.setString(1, run.seriesUid());
            delete.setInt(2, run.run());
            delete.executeUpdate();
            mark.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            mark.setString(2, run.seriesUid());
            mark.setInt(3, run.run());
            return mark.executeUpdate();
          }
        });
  }

  private static List<Run> finishedBefore(Connection c, Instant cutoff) throws SQLException {
    List<Run> runs = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(FINISHED_RUNS)) {
      q.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
      q.setObject(2, cutoff.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String seg = rs.getString(3);
          runs.add(new Run(rs.getString(1), rs.getInt(2), seg == null ? null : Path.of(seg)));
        }
      }
    }
    return runs;
  }
}
