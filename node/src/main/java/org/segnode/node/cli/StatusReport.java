package org.segnode.node.cli;

import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.segnode.node.db.NodeDatabase;

/**
 * The newest series runs, jobs, exports and refused instances as {@code key=value} lines. Only
 * UIDs, states, counts, times and reasons are read: the node's tables hold no patient names or IDs,
 * and none are shown.
 */
final class StatusReport {
  private static final String SERIES =
      "SELECT series_uid AS series, run, state, instance_count AS instances,"
          + " COALESCE(purged_at, completed_at, opened_at) AS updated FROM series"
          + " ORDER BY updated DESC, series_uid LIMIT ?";
  private static final String JOBS =
      "SELECT id, series_uid AS series, run, state, rule, attempts, review, reason,"
          + " COALESCE(finished_at, started_at, queued_at) AS updated FROM job"
          + " ORDER BY id DESC LIMIT ?";
  private static final String EXPORTS =
      "SELECT id, job_id AS job, destination, state, attempts, next_attempt, updated_at AS updated,"
          + " reason AS last_error FROM export ORDER BY id DESC LIMIT ?";
  private static final String REFUSED =
      "SELECT id, received_at AS at, calling_ae, sop_instance_uid AS instance, status, reason"
          + " FROM refused_instance ORDER BY id DESC LIMIT ?";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private final NodeDatabase db;
  private final int limit;

  StatusReport(NodeDatabase db, int limit) {
    this.db = db;
    this.limit = limit;
  }

  void print(PrintWriter out) throws SQLException {
    section(out, "series", SERIES);
    section(out, "jobs", JOBS);
    section(out, "exports", EXPORTS);
    section(out, "refused instances", REFUSED);
  }

  private void section(PrintWriter out, String title, String sql) throws SQLException {
    List<String> lines = db.withConnection(c -> lines(c.prepareStatement(sql)));
    out.println(title + " (newest first, at most " + limit + "): " + lines.size());
    lines.forEach(line -> out.println("  " + line));
  }

  private List<String> lines(PreparedStatement q) throws SQLException {
    try (q) {
      q.setInt(1, limit);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          StringBuilder line = new StringBuilder();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = value(rs, meta, i);
            if (value != null) {
              line.append(line.length() == 0 ? "" : " ")
                  .append(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT))
                  .append('=')
                  .append(text(meta.getColumnLabel(i), value));
            }
          }
          lines.add(line.toString());
        }
      }
      return lines;
    }
  }

  /** Times as OffsetDateTime on both databases (PostgreSQL's plain getObject gives Timestamp). */
  private static Object value(ResultSet rs, ResultSetMetaData meta, int column)
      throws SQLException {
    int type = meta.getColumnType(column);
    if (type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP) {
      return rs.getObject(column, OffsetDateTime.class);
    }
    return rs.getObject(column);
  }

  private static String text(String label, Object value) {
    if ("status".equalsIgnoreCase(label) && value instanceof Integer status) {
      return String.format("0x%04X", status); // DIMSE statuses are read in hex (PS3.7 Annex C)
    }
    if (value instanceof OffsetDateTime time) {
      return TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
    String s = value.toString().replace('\n', ' ');
    return s.contains(" ") ? '"' + s + '"' : s;
  }
}
