package org.segnode.node.export;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.segnode.node.db.PostgresServer;

/** {@link ExportJobTest} on PostgreSQL: the export job's Quartz triggers and rows there. */
class ExportJobPostgresTest extends ExportJobTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();

  @Override
  String databaseSettings() throws Exception {
    return "db.url=" + server.createDatabase() + "\ndb.user=" + PostgresServer.USER + "\n";
  }
}
