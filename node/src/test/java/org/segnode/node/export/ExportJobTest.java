package org.segnode.node.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.NodeFixture;
import org.segnode.node.Poll;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.queue.JobQueue;
import org.segnode.node.queue.QuartzSettings;

/** The export job through Quartz: a destination that is down at first gets the SEG on a retry. */
class ExportJobTest {
  private static final long WAIT_MS = 20_000;

  @TempDir Path dir;

  @Test
  void retriesAtTheNextDueTimeUntilTheDestinationAnswers() throws Exception {
    int port = NodeFixture.freePort();
    NodeConfig config = config(port);
    Clock clock = Clock.systemUTC();
    try (NodeDatabase db =
        NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
      ExportScheduler exports = new ExportScheduler();
      // no series complete in this test, so the segment side needs no model
      try (JobQueue queue =
          JobQueue.create(config, QuartzSettings.defaults(), db, null, exports, clock)) {
        exports.attach(
            queue, db, SegSenderTest.sender(), config.export(), config.destinations(), clock);
        queue.start();
        ExportTable table = new ExportTable(db);
        long id =
            table.insert(
                DoneJob.insert(db, clock.instant()),
                "pacs",
                SegSenderTest.LIVER_SEG,
                clock.instant());
        exports.exportsPending(1, "1.2.3.4", 1);
        ExportRow failed = await(table, id, r -> r.attempts() >= 1);
        assertEquals(ExportRow.State.PENDING, failed.state(), "after a refused connection");
        try (StoreScpProcess scp = StoreScpProcess.start(dir.resolve("in"), port)) {
          ExportRow sent = await(table, id, r -> r.state() == ExportRow.State.SENT);
          assertTrue(sent.attempts() >= 2, "attempts " + sent.attempts());
          assertEquals(1, scp.files().size());
        }
      }
    }
  }

  private NodeConfig config(int port) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(
        dir.resolve("conf/segnode.properties"),
        "export.attempts=10\nexport.initial-delay-seconds=1\nexport.max-delay-seconds=1\n"
            + databaseSettings());
    Files.writeString(dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "STORESCU=127.0.0.1\n");
    NodeFixture.writeDestination(dir, "pacs", "DEST", port);
    return NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
  }

  /** Lines for segnode.properties choosing the database; none: the embedded H2 default. */
  String databaseSettings() throws Exception {
    return "";
  }

  /** Bounded: polls the row every 50 ms for at most {@value #WAIT_MS} ms. */
  private static ExportRow await(ExportTable table, long id, Predicate<ExportRow> done)
      throws Exception {
    return Poll.until(
        WAIT_MS, () -> table.export(id).orElseThrow(), done, "the export to progress");
  }
}
