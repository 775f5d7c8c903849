package org.segnode.node.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import org.segnode.node.config.ConfigException;
import org.segnode.node.db.NodeDatabase;

/** Opens the node's database for the operator commands, beside a running node if there is one. */
final class Databases {
  private Databases() {}

  /** What a command does with the open database; returns its exit code. */
  interface Work {
    int run(NodeDatabase db) throws SQLException;
  }

  /**
   * Runs {@code work} on the database of the configuration {@code options} names. When the
   * configuration or the database cannot be read, the reason goes to {@code err} and the exit code
   * is 1.
   */
  static int withDatabase(ConfigOptions options, PrintWriter err, Work work) {
    try (NodeDatabase db = open(options)) {
      return work.run(db);
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      return 1;
    } catch (SQLException e) {
      err.println(reason(e));
      return 1;
    }
  }

  private static NodeDatabase open(ConfigOptions options) throws ConfigException, SQLException {
    var config = options.load();
    return NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword());
  }

  /** One line: which database could not be opened and why. */
  private static String reason(SQLException e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return "cannot use the node's database: " + message;
  }
}
