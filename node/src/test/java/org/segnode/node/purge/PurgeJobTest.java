package org.segnode.node.purge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.Poll;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.config.PurgeSettings;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.queue.ExportQueue;
import org.segnode.node.queue.JobQueue;
import org.segnode.node.queue.QuartzSettings;

/** The purge job through Quartz: stored durably, run at start, removed again by retention 0. */
class PurgeJobTest {
  private static final long WAIT_MS = 20_000;

  @TempDir Path dir;

  @Test
  void runsAtStartAndIsRemovedWhenTurnedOff() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "STORESCU=127.0.0.1\n");
    NodeConfig config =
        NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
    try (NodeDatabase db =
        NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
      skippedRun(db, Instant.now().minus(Duration.ofDays(2)));
      Purger purger =
          new Purger(
              db,
              config.spoolDir(),
              dir.resolve("outbox"),
              Duration.ofDays(1),
              Clock.systemUTC(),
              new NodeMetrics());
      PurgeSettings every = new PurgeSettings(Duration.ofDays(1), Duration.ofMinutes(60));
      // no series completes here, so the segment side needs no model
      try (JobQueue queue = newQueue(config, db)) {
        PurgeJob.attach(queue, purger, every);
        queue.start();
        awaitPurged(db);
      }
      try (JobQueue queue = newQueue(config, db)) {
        assertTrue(queue.scheduler().checkExists(PurgeJob.JOB), "stored durably");
        PurgeJob.attach(queue, purger, new PurgeSettings(Duration.ZERO, every.interval()));
        assertFalse(queue.scheduler().checkExists(PurgeJob.JOB), "removed by retention 0");
        assertFalse(queue.scheduler().checkExists(PurgeJob.TRIGGER));
      }
    }
  }

  private static JobQueue newQueue(NodeConfig config, NodeDatabase db) throws Exception {
    return JobQueue.create(
        config, QuartzSettings.defaults(), db, null, ExportQueue.LOG_ONLY, Clock.systemUTC());
  }

  private static void skippedRun(NodeDatabase db, Instant at) throws Exception {
    db.openRun("9.9", "9", at);
    db.completeRun("9.9", 1, at);
    db.withConnection(
        c -> {
          try (var q =
              c.prepareStatement(
                  "INSERT INTO job (series_uid, run, state, reason, queued_at, finished_at)"
                      + " VALUES ('9.9', 1, 'SKIPPED', 'no rule matched', ?, ?)")) {
            q.setObject(1, at.atOffset(ZoneOffset.UTC));
            q.setObject(2, at.atOffset(ZoneOffset.UTC));
            return q.executeUpdate();
          }
        });
  }

  private static void awaitPurged(NodeDatabase db) throws Exception {
    Poll.until(WAIT_MS, () -> db.allSeries().get(0).state(), "PURGED"::equals, "state PURGED");
  }
}
