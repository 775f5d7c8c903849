package org.segnode.node.export;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.segnode.node.db.NodeDatabase;

/** The {@code export} table (joined to {@code job} for the series) over the node's connection. */
public final class ExportTable implements ExportStore {
  private static final String SELECT =
      "SELECT e.id, j.series_uid, j.run, e.seg_path, e.destination, e.state, e.attempts,"
          + " e.next_attempt, e.reason FROM export e JOIN job j ON j.id = e.job_id ";

  private final NodeDatabase db;

  public ExportTable(NodeDatabase db) {
    this.db = db;
  }

  /** Queues a PENDING export of {@code file} due at {@code now}; returns its id. */
  public long insert(long jobId, String destination, Path file, Instant now) throws SQLException {
    return db.withConnection(c -> insert(c, jobId, destination, file, now));
  }

  private static long insert(Connection c, long jobId, String destination, Path file, Instant now)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "INSERT INTO export (job_id, destination, seg_path, state, attempts, created_at,"
                + " updated_at, next_attempt) VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      q.setLong(1, jobId);
      q.setString(2, destination);
      q.setString(3, file.toString());
      q.setObject(4, time(now));
      q.setObject(5, time(now));
      q.setObject(6, time(now));
      q.executeUpdate();
      try (ResultSet keys = q.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Override
  public Optional<ExportRow> export(long id) throws SQLException {
    return db.withConnection(c -> rows(c, "WHERE e.id = " + id).stream().findFirst());
  }

  @Override
  public List<ExportRow> exports() throws SQLException {
    return db.withConnection(c -> rows(c, "ORDER BY e.id"));
  }

  /** PENDING exports, soonest due first. */
  public List<ExportRow> pending() throws SQLException {
    return db.withConnection(
        c -> rows(c, "WHERE e.state = 'PENDING' ORDER BY e.next_attempt, e.id"));
  }

  @Override
  public void updateExport(
      long id, ExportRow.State state, int attempts, Instant nextAttempt, String error, Instant now)
      throws SQLException {
    db.withConnection(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "UPDATE export SET state = ?, attempts = ?, next_attempt = ?, reason = ?,"
                      + " updated_at = ? WHERE id = ?")) {
            q.setString(1, state.name());
            q.setInt(2, attempts);
            q.setObject(3, nextAttempt == null ? null : time(nextAttempt));
            q.setString(
                4, error == null || error.length() <= 1024 ? error : error.substring(0, 1024));
            q.setObject(5, time(now));
            q.setLong(6, id);
            return q.executeUpdate();
          }
        });
  }

  private static List<ExportRow> rows(Connection c, String tail) throws SQLException {
    List<ExportRow> rows = new ArrayList<>();
    try (Statement q = c.createStatement();
        ResultSet rs = q.executeQuery(SELECT + tail)) {
      while (rs.next()) {
        OffsetDateTime next = rs.getObject(8, OffsetDateTime.class);
        rows.add(
            new ExportRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3),
                Path.of(rs.getString(4)),
                rs.getString(5),
                ExportRow.State.valueOf(rs.getString(6)),
                rs.getInt(7),
                next == null ? null : next.toInstant(),
                rs.getString(9)));
      }
    }
    return rows;
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
