package org.segnode.node.queue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.db.Sql;
import org.segnode.node.segment.SegmentOutcome;
import org.segnode.node.series.CompletedSeries;

/** The {@code job} and {@code export} rows, over the node's shared connection. */
public final class JobTable {
  private static final String COLUMNS =
      "SELECT id, series_uid, run, state, attempts, reason, review, seg_path, rule FROM job ";
  private final NodeDatabase db;

  public JobTable(NodeDatabase db) {
    this.db = db;
  }

  /** Records a QUEUED job under {@code rule}; empty when the series run already has a job. */
  OptionalLong insertQueued(String seriesUid, int run, String rule, Instant now)
      throws SQLException {
    return insert(seriesUid, run, JobRow.QUEUED, rule, null, now);
  }

  /**
   * Records a job that ends where it starts: SKIPPED (no rule matched) or FAILED (unroutable), with
   * the reason; empty when the series run already has a job.
   */
  OptionalLong insertFinished(String seriesUid, int run, String state, String reason, Instant now)
      throws SQLException {
    return insert(seriesUid, run, state, null, reason, now);
  }

  private OptionalLong insert(
      String seriesUid, int run, String state, String rule, String reason, Instant now)
      throws SQLException {
    return db.withConnection(
        c -> {
          if (!select(c, "WHERE series_uid = ? AND run = ?", seriesUid, run).isEmpty()) {
            return OptionalLong.empty();
          }
          try {
            Sql.update(
                c,
                "INSERT INTO job (series_uid, run, state, rule, reason, queued_at, finished_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                seriesUid,
                run,
                state,
                rule,
                Sql.cut(reason, 1024),
                time(now),
                JobRow.QUEUED.equals(state) ? null : time(now));
          } catch (SQLException e) {
            if (NodeDatabase.isDuplicate(e)) {
              return OptionalLong.empty(); // another node queued it between select and insert
            }
            throw e;
          }
          return OptionalLong.of(
              select(c, "WHERE series_uid = ? AND run = ?", seriesUid, run).get(0).id());
        });
  }

  /** The first instance of the run (by path), whose header decides the route; null when none. */
  Path firstInstance(String seriesUid, int run) throws SQLException {
    return db.withConnection(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT path FROM instance WHERE series_uid = ? AND run = ?"
                      + " ORDER BY path LIMIT 1")) {
            q.setString(1, seriesUid);
            q.setInt(2, run);
            try (ResultSet rs = q.executeQuery()) {
              return rs.next() ? Path.of(rs.getString(1)) : null;
            }
          }
        });
  }

  public JobRow find(long id) throws SQLException {
    return db.withConnection(c -> select(c, "WHERE id = ?", id).get(0));
  }

  /** Every job, oldest first. */
  public List<JobRow> all() throws SQLException {
    return db.withConnection(c -> select(c, "ORDER BY id"));
  }

  /** QUEUED or RUNNING jobs: after a crash, the ones whose Quartz job may be missing. */
  List<JobRow> unfinished() throws SQLException {
    return db.withConnection(c -> select(c, "WHERE state IN ('QUEUED', 'RUNNING') ORDER BY id"));
  }

  /**
   * Runs recorded COMPLETE that have no job: the node stopped (or crashed) between recording the
   * completion and queueing its job, so no one else will queue it.
   */
  List<CompletedSeries> completedWithoutJob() throws SQLException {
    return db.withConnection(
        c -> {
          List<CompletedSeries> runs = new ArrayList<>();
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT study_uid, series_uid, run, instance_count, completed_at FROM series s"
                          + " WHERE state = 'COMPLETE' AND NOT EXISTS (SELECT 1 FROM job j"
                          + " WHERE j.series_uid = s.series_uid AND j.run = s.run)"
                          + " ORDER BY completed_at");
              ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              runs.add(
                  new CompletedSeries(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getInt(3),
                      rs.getInt(4),
                      rs.getObject(5, OffsetDateTime.class).toInstant()));
            }
          }
          return runs;
        });
  }

  /**
   * Marks the job RUNNING unless another run of the same series is running: one job per series at a
   * time even with several worker threads or nodes, kept by the unique index on {@code
   * running_series} (a check-then-update would let two nodes pass the check together). A job
   * RUNNING at a crash claims itself again.
   */
  boolean claim(long id, String seriesUid, Instant now) throws SQLException {
    return db.withConnection(
        c -> {
          try {
            return Sql.update(
                    c,
                    "UPDATE job SET state = 'RUNNING', running_series = ?, attempts = attempts + 1,"
                        + " started_at = ?, reason = NULL"
                        + " WHERE id = ? AND state IN ('QUEUED', 'RUNNING')",
                    seriesUid,
                    time(now),
                    id)
                > 0;
          } catch (SQLException e) {
            if (NodeDatabase.isDuplicate(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  void done(long id, SegmentOutcome outcome, Instant now) throws SQLException {
    db.withConnection(
        c ->
            Sql.update(
                c,
                "UPDATE job SET state = 'DONE', running_series = NULL, review = ?, seg_path = ?,"
                    + " finished_at = ? WHERE id = ?",
                Sql.cut(outcome.review(), 256),
                outcome.seg().toString(),
                time(now),
                id));
  }

  void failed(long id, String reason, Instant now) throws SQLException {
    db.withConnection(
        c ->
            Sql.update(
                c,
                "UPDATE job SET state = 'FAILED', running_series = NULL, reason = ?,"
                    + " finished_at = ? WHERE id = ?",
                Sql.cut(reason, 1024),
                time(now),
                id));
  }

  /**
   * Paths of the series' instances up to and including {@code run}: a later run adds instances to
   * the same series, and the volume is only whole with the earlier ones.
   */
  List<Path> instancePaths(String seriesUid, int run) throws SQLException {
    return db.withConnection(
        c -> {
          List<Path> paths = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT path FROM instance WHERE series_uid = ? AND run <= ? ORDER BY path")) {
            q.setString(1, seriesUid);
            q.setInt(2, run);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                paths.add(Path.of(rs.getString(1)));
              }
            }
          }
          return paths;
        });
  }

  /** One PENDING export per destination; rows already there (a re-run) are kept as they are. */
  void addExports(long jobId, Path seg, Collection<String> destinations, Instant now)
      throws SQLException {
    db.withConnection(
        c -> {
          for (String destination : destinations) {
            Sql.update(
                c,
                "INSERT INTO export (job_id, destination, seg_path, state, created_at, updated_at,"
                    + " next_attempt) SELECT ?, ?, ?, 'PENDING', ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM export WHERE job_id = ? AND destination = ?)",
                jobId,
                destination,
                seg.toString(),
                time(now),
                time(now),
                time(now),
                jobId,
                destination);
          }
          return null;
        });
  }

  /** Destination and state of each export of {@code jobId}, by destination. */
  public List<String> exports(long jobId) throws SQLException {
    return db.withConnection(
        c -> {
          List<String> rows = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT destination, state FROM export WHERE job_id = ? ORDER BY destination")) {
            q.setLong(1, jobId);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
              }
            }
          }
          return rows;
        });
  }

  private static List<JobRow> select(Connection c, String where, Object... params)
      throws SQLException {
    List<JobRow> rows = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(COLUMNS + where)) {
      Sql.bind(q, params);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new JobRow(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
    }
    return rows;
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
