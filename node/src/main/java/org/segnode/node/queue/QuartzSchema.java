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

/**
 * Creates Quartz's tables when absent, from the DDL script the Quartz jar itself ships for the
 * database in use (loaded at run time, so it always matches the Quartz version on the class path).
 */
final class QuartzSchema {
  private static final String SCRIPTS = "/org/quartz/impl/jdbcjobstore/";

  private QuartzSchema() {}

  static void createIfAbsent(Connection connection) throws SQLException, IOException {
    DatabaseMetaData meta = connection.getMetaData();
    if (exists(meta, "QRTZ_JOB_DETAILS") || exists(meta, "qrtz_job_details")) {
      return;
    }
    String script = script(meta.getDatabaseProductName());
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
  }

  private static boolean exists(DatabaseMetaData meta, String table) throws SQLException {
    try (ResultSet rs = meta.getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  private static String script(String product) throws IOException {
    String name =
        switch (product.toLowerCase(Locale.ROOT)) {
          case "h2" -> "tables_h2.sql";
          case "postgresql" -> "tables_postgres.sql";
          default ->
              throw new IOException(
                  "Quartz tables: expected an H2 or PostgreSQL database, found " + product);
        };
    try (InputStream in = JobStoreSupport.class.getResourceAsStream(SCRIPTS + name)) {
      if (in == null) {
        throw new IOException("Quartz tables: " + name + " missing from the Quartz jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
