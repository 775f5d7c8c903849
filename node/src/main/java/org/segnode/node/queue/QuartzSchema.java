package org.segnode.node.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.segnode.node.db.NodeDatabase;

/**
 * Quartz's side of the database in use: creates its tables when absent, from the DDL script the
 * Quartz jar itself ships for that database (loaded at run time, so it always matches the Quartz
 * version on the class path), and names the SQL delegate that suits it.
 */
final class QuartzSchema {
  private static final String SCRIPTS = "/org/quartz/impl/jdbcjobstore/";

  /** The databases SegNode runs on, with Quartz's script and delegate for each. */
  enum Database {
    H2("tables_h2.sql", StdJDBCDelegate.class.getName()),
    // job data lives in BYTEA columns, which only the PostgreSQL delegate reads and writes
    POSTGRESQL("tables_postgres.sql", PostgreSQLDelegate.class.getName());

    final String script;
    final String delegate;

    Database(String script, String delegate) {
      this.script = script;
      this.delegate = delegate;
    }

    static Database of(Connection connection) throws SQLException, IOException {
      String product = connection.getMetaData().getDatabaseProductName();
      return switch (product.toLowerCase(Locale.ROOT)) {
        case "h2" -> H2;
        case "postgresql" -> POSTGRESQL;
        default ->
            throw new IOException(
                "Quartz tables: expected an H2 or PostgreSQL database, found " + product);
      };
    }
  }

  private QuartzSchema() {}

  /** Creates the tables when absent; returns the database found. */
  static Database createIfAbsent(Connection connection) throws SQLException, IOException {
    Database database = Database.of(connection);
    String script = script(database.script);
    NodeDatabase.underSchemaLock(connection, c -> create(c, script));
    return database;
  }

  private static Void create(Connection connection, String script) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    if (exists(meta, "QRTZ_JOB_DETAILS") || exists(meta, "qrtz_job_details")) {
      return null;
    }
    try (Statement statement = connection.createStatement()) {
      for (String part : script.replaceAll("(?m)--.*$", "").split(";")) {
        String sql = part.strip();
        // the scripts drop old tables first and commit at the end; neither applies here
        String upper = sql.toUpperCase(Locale.ROOT);
        if (!sql.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
          statement.execute(sql);
        }
      }
    }
    return null;
  }

  private static boolean exists(DatabaseMetaData meta, String table) throws SQLException {
    try (ResultSet rs = meta.getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  private static String script(String name) throws IOException {
    try (InputStream in = JobStoreSupport.class.getResourceAsStream(SCRIPTS + name)) {
      if (in == null) {
        throw new IOException("Quartz tables: " + name + " missing from the Quartz jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
