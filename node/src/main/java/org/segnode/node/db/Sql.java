package org.segnode.node.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Statement plumbing shared by the node's tables: parameters bound in order with setObject. */
public final class Sql {
  private Sql() {}

  /** Runs one INSERT, UPDATE or DELETE; returns the number of rows it changed. */
  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      bind(q, params);
      return q.executeUpdate();
    }
  }

  /** Sets parameter i+1 to params[i] (null as SQL NULL). */
  public static void bind(PreparedStatement q, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      q.setObject(i + 1, params[i]);
    }
  }

  /** {@code value} cut to the column's {@code max} characters (null stays null). */
  public static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
