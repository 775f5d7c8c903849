package org.segnode.node.cli;

import java.sql.SQLException;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;

/** Opens the node's database for the operator commands, beside a running node if there is one. */
final class Databases {
  private Databases() {}

  static NodeDatabase open(NodeConfig config) throws SQLException {
    return NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword());
  }

  /** One line: which database could not be opened and why. */
  static String reason(SQLException e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return "cannot use the node's database: " + message;
  }
}
