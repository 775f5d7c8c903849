package org.segnode.node.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.segnode.node.series.SeriesRow;
import org.segnode.node.series.SeriesStore;

/**
 * The node's tables over plain JDBC (H2 by default, PostgreSQL for several nodes; the SQL is the
 * subset both understand). One connection, used under this object's lock: each statement is short
 * and commits on its own, so concurrent associations only queue for microseconds. The schema comes
 * from {@code schema.sql} and is created when absent.
 */
public final class NodeDatabase implements SeriesStore, AutoCloseable {
  static {
    // The default URL's AUTO_SERVER=TRUE lets `segnode status` and `retry` in and H2 listens on
    // every interface unless told otherwise: keep that port on loopback (read once, at H2's start).
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
  }

  /** Advisory lock key held while creating tables ("SegNode" in ASCII). */
  private static final long SCHEMA_LOCK = 0x5365674E6F6465L;

  private final Connection connection;

  private NodeDatabase(Connection connection) {
    this.connection = connection;
  }

  public static NodeDatabase open(String url, String user, String password) throws SQLException {
    Connection connection = DriverManager.getConnection(url, user, password);
    NodeDatabase db = new NodeDatabase(connection);
    try {
      db.createSchema();
    } catch (SQLException | IOException | RuntimeException e) {
      connection.close();
      throw e instanceof SQLException s ? s : new SQLException("cannot create schema", e);
    }
    return db;
  }

  private void createSchema() throws IOException, SQLException {
    String sql;
    try (InputStream in = NodeDatabase.class.getResourceAsStream("schema.sql")) {
      if (in == null) {
        throw new IOException("schema.sql missing from the class path");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    underSchemaLock(
        connection,
        c -> {
          try (Statement statement = c.createStatement()) {
            for (String part : sql.replaceAll("(?m)--.*$", "").split(";")) {
              if (!part.isBlank()) {
                statement.execute(part);
              }
            }
          }
          return null;
        });
  }

  /**
   * Runs {@code work} (creating tables) holding a PostgreSQL advisory lock, so nodes starting
   * together on a new database do not create the same tables at once (PostgreSQL's IF NOT EXISTS is
   * no guard against a concurrent creation). H2 is only opened by one node: no lock there.
   */
  public static <T> T underSchemaLock(Connection c, SqlWork<T> work) throws SQLException {
    if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
      return work.apply(c);
    }
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
      try {
        return work.apply(c);
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
      }
    }
  }

  public synchronized boolean hasInstance(String sopInstanceUid) throws SQLException {
    try (PreparedStatement q =
        connection.prepareStatement("SELECT 1 FROM instance WHERE sop_instance_uid = ?")) {
      q.setString(1, sopInstanceUid);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  public synchronized void insertInstance(StoredInstance i) throws SQLException {
    update(
        "INSERT INTO instance (sop_instance_uid, sop_class_uid, transfer_syntax_uid,"
            + " study_uid, series_uid, run, path, size_bytes, calling_ae, received_at, state)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'STORED')",
        i.sopInstanceUid(),
        i.sopClassUid(),
        i.transferSyntaxUid(),
        i.studyUid(),
        i.seriesUid(),
        i.run(),
        i.path().toString(),
        i.sizeBytes(),
        i.callingAe(),
        time(i.receivedAt()));
  }

  /** SOP Instance UIDs recorded for a series, all runs (start-up recovery). */
  public synchronized Set<String> instanceUidsOfSeries(String seriesUid) throws SQLException {
    Set<String> uids = new HashSet<>();
    try (PreparedStatement q =
        connection.prepareStatement("SELECT sop_instance_uid FROM instance WHERE series_uid = ?")) {
      q.setString(1, seriesUid);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          uids.add(rs.getString(1));
        }
      }
    }
    return uids;
  }

  /** SOP Instance UID to file path of every instance in a run still receiving. */
  public synchronized Map<String, Path> instancesOfOpenRuns() throws SQLException {
    Map<String, Path> paths = new HashMap<>();
    try (Statement q = connection.createStatement();
        ResultSet rs =
            q.executeQuery(
                "SELECT i.sop_instance_uid, i.path FROM instance i JOIN series s"
                    + " ON s.series_uid = i.series_uid AND s.run = i.run"
                    + " WHERE s.state = 'RECEIVING'")) {
      while (rs.next()) {
        paths.put(rs.getString(1), Path.of(rs.getString(2)));
      }
    }
    return paths;
  }

  /** Removes an instance's record (start-up recovery: its file is gone). */
  public synchronized void deleteInstance(String sopInstanceUid) throws SQLException {
    update("DELETE FROM instance WHERE sop_instance_uid = ?", sopInstanceUid);
  }

  /** Records a refused C-STORE; reasons longer than the column are cut. */
  public synchronized void insertRefusal(
      String callingAe, String sopClassUid, String sopInstanceUid, int status, String reason)
      throws SQLException {
    update(
        "INSERT INTO refused_instance (received_at, calling_ae, sop_class_uid,"
            + " sop_instance_uid, status, reason) VALUES (?, ?, ?, ?, ?, ?)",
        time(Instant.now()),
        callingAe,
        Sql.cut(sopClassUid, 64),
        Sql.cut(sopInstanceUid, 64),
        status,
        Sql.cut(reason, 256));
  }

  @Override
  public synchronized int openRun(String seriesUid, String studyUid, Instant now)
      throws SQLException {
    OptionalInt receiving = receivingRun(seriesUid);
    if (receiving.isPresent()) {
      return receiving.getAsInt();
    }
    int run;
    try (PreparedStatement q =
        connection.prepareStatement(
            "SELECT COALESCE(MAX(run), 0) + 1 FROM series WHERE series_uid = ?")) {
      q.setString(1, seriesUid);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        run = rs.getInt(1);
      }
    }
    try {
      update(
          "INSERT INTO series (series_uid, run, study_uid, state, opened_at)"
              + " VALUES (?, ?, ?, 'RECEIVING', ?)",
          seriesUid,
          run,
          studyUid,
          time(now));
    } catch (SQLException e) {
      // another node opened the same run between the two statements: record into that one
      receiving = isDuplicate(e) ? receivingRun(seriesUid) : OptionalInt.empty();
      if (receiving.isEmpty()) {
        throw e;
      }
      return receiving.getAsInt();
    }
    return run;
  }

  private OptionalInt receivingRun(String seriesUid) throws SQLException {
    try (PreparedStatement q =
        connection.prepareStatement(
            "SELECT MAX(run) FROM series WHERE series_uid = ? AND state = 'RECEIVING'")) {
      q.setString(1, seriesUid);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        int run = rs.getInt(1);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(run);
      }
    }
  }

  @Override
  public synchronized OptionalInt completeRun(String seriesUid, int run, Instant now)
      throws SQLException {
    int updated =
        update(
            "UPDATE series SET state = 'COMPLETE', completed_at = ?, instance_count ="
                + " (SELECT COUNT(*) FROM instance i WHERE i.series_uid = series.series_uid"
                + " AND i.run = series.run) WHERE series_uid = ? AND run = ?"
                + " AND state = 'RECEIVING'",
            time(now),
            seriesUid,
            run);
    if (updated == 0) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(seriesRow(seriesUid, run).instanceCount());
  }

  @Override
  public synchronized List<SeriesRow> openRuns() throws SQLException {
    return series("WHERE state = 'RECEIVING'");
  }

  /** Every series run, oldest first (for status views and tests). */
  public synchronized List<SeriesRow> allSeries() throws SQLException {
    return series("");
  }

  private SeriesRow seriesRow(String seriesUid, int run) throws SQLException {
    return series("WHERE series_uid = ? AND run = ?", seriesUid, run).get(0);
  }

  private List<SeriesRow> series(String where, Object... params) throws SQLException {
    String sql =
        "SELECT series_uid, run, study_uid, state, instance_count, opened_at,"
            + " (SELECT MAX(received_at) FROM instance i WHERE i.series_uid = s.series_uid"
            + " AND i.run = s.run) FROM series s "
            + where
            + " ORDER BY opened_at, series_uid, run";
    List<SeriesRow> rows = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement(sql)) {
      Sql.bind(q, params);
      readSeries(q, rows);
    }
    return rows;
  }

  private int update(String sql, Object... params) throws SQLException {
    return Sql.update(connection, sql, params);
  }

  private static void readSeries(PreparedStatement q, List<SeriesRow> rows) throws SQLException {
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        OffsetDateTime last = rs.getObject(7, OffsetDateTime.class);
        OffsetDateTime opened = rs.getObject(6, OffsetDateTime.class);
        rows.add(
            new SeriesRow(
                rs.getString(1),
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                (last != null ? last : opened).toInstant()));
      }
    }
  }

  /** Work on the shared connection; called under this object's lock, so keep it short. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on the node's connection under its lock, for tables other packages own (jobs,
   * exports): they keep their SQL beside their logic instead of growing this class.
   */
  public synchronized <T> T withConnection(SqlWork<T> work) throws SQLException {
    return work.apply(connection);
  }

  /** Number of instances recorded (all runs). */
  public synchronized int instanceCount() throws SQLException {
    return count("SELECT COUNT(*) FROM instance");
  }

  public synchronized int refusalCount() throws SQLException {
    return count("SELECT COUNT(*) FROM refused_instance");
  }

  /** Reasons of every refusal, oldest first. */
  public synchronized List<String> refusalReasons() throws SQLException {
    List<String> reasons = new ArrayList<>();
    try (Statement q = connection.createStatement();
        ResultSet rs = q.executeQuery("SELECT status, reason FROM refused_instance ORDER BY id")) {
      while (rs.next()) {
        reasons.add(String.format("0x%04X %s", rs.getInt(1), rs.getString(2)));
      }
    }
    return reasons;
  }

  private int count(String sql) throws SQLException {
    try (Statement q = connection.createStatement();
        ResultSet rs = q.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * True when {@code e} is a unique or primary-key violation (SQLState 23505 on H2 and PostgreSQL):
   * another thread or node recorded the same row first.
   */
  public static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
