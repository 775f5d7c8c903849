package org.segnode.node.queue;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.segnode.node.db.PostgresServer;

/**
 * {@link JobQueueTest} on PostgreSQL: Quartz's PostgreSQL tables and delegate (job data in BYTEA),
 * the node's tables, one fresh database per test on one server for the class.
 */
class JobQueuePostgresTest extends JobQueueTest {
  @RegisterExtension static final PostgresServer server = new PostgresServer();

  @Override
  String databaseSettings() throws Exception {
    return "db.url=" + server.createDatabase() + "\ndb.user=" + PostgresServer.USER + "\n";
  }

  @Test
  void delegateForAnotherDatabaseIsRefused() throws Exception {
    setUp(1000f);
    Properties quartz = QuartzSettings.defaults();
    quartz.setProperty("org.quartz.jobStore.driverDelegateClass", StdJDBCDelegate.class.getName());
    IOException refused =
        assertThrows(
            IOException.class,
            () ->
                JobQueue.create(
                    config, quartz, db, segmenter, ExportQueue.LOG_ONLY, Clock.systemUTC()));
    assertTrue(
        refused.getMessage().contains("PostgreSQLDelegate for POSTGRESQL"), refused.getMessage());
  }
}
