package org.segnode.node.queue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.quartz.utils.ConnectionProvider;

/**
 * Gives Quartz its own connections to the node's database (never the node's shared one: Quartz
 * turns auto-commit off and holds row locks across statements). Opening a connection to an already
 * open embedded H2 database is cheap, so no pool is kept.
 */
final class NodeConnectionProvider implements ConnectionProvider {
  private final String url;
  private final String user;
  private final String password;

  NodeConnectionProvider(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void shutdown() {
    // nothing pooled, nothing to close
  }

  @Override
  public void initialize() {
    // connections are opened on demand
  }
}
