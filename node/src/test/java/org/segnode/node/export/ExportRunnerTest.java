package org.segnode.node.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.NodeFixture;
import org.segnode.node.TestClock;
import org.segnode.node.config.Destination;
import org.segnode.node.db.NodeDatabase;

class ExportRunnerTest {
  @TempDir Path dir;

  @Test
  void backsOffThenFailsThenManualRetrySends() throws Exception {
    int port = NodeFixture.freePort();
    TestClock clock = new TestClock();
    Destination pacs = new Destination("pacs", "DEST", "127.0.0.1", port, false);
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(8));
    try (NodeDatabase db = NodeDatabase.open("jdbc:h2:mem:export" + port, "sa", "")) {
      ExportTable table = new ExportTable(db);
      long id =
          table.insert(
              DoneJob.insert(db, clock.instant()),
              "pacs",
              SegSenderTest.LIVER_SEG,
              clock.instant());
      ExportRunner runner =
          new ExportRunner(SegSenderTest.sender(), table, policy, Map.of("pacs", pacs), clock);

      assertEquals(ExportRow.State.PENDING, runner.run(table.export(id).orElseThrow()));
      ExportRow first = table.export(id).orElseThrow();
      assertEquals(clock.instant().plusSeconds(5), first.nextAttempt());
      assertEquals(
          "destination PACS 127.0.0.1:" + port + " refused the connection", first.lastError());

      clock.advance(Duration.ofSeconds(5));
      runner.run(table.export(id).orElseThrow());
      assertEquals(clock.instant().plusSeconds(8), table.export(id).orElseThrow().nextAttempt());

      clock.advance(Duration.ofSeconds(8));
      assertEquals(ExportRow.State.FAILED, runner.run(table.export(id).orElseThrow()));
      ExportRow failed = table.export(id).orElseThrow();
      assertEquals(3, failed.attempts());
      assertTrue(failed.lastError().contains("refused the connection"), failed.lastError());

      assertTrue(runner.retryByHand(id));
      ExportRow again = table.export(id).orElseThrow();
      assertEquals(ExportRow.State.PENDING, again.state());
      assertEquals(0, again.attempts());
      try (StoreScpProcess scp = StoreScpProcess.start(dir.resolve("in"), port)) {
        assertEquals(ExportRow.State.SENT, runner.run(again));
        assertArrayEquals(
            SegSenderTest.dataSet(SegSenderTest.LIVER_SEG),
            SegSenderTest.dataSet(scp.files().get(0)));
      }
      assertEquals(ExportRow.State.SENT, table.export(id).orElseThrow().state());
    }
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(5), Duration.ofSeconds(300));
    assertEquals(Duration.ofSeconds(5), policy.delayAfter(1));
    assertEquals(Duration.ofSeconds(40), policy.delayAfter(4));
    assertEquals(Duration.ofSeconds(300), policy.delayAfter(50));
    assertTrue(policy.nextAttempt(6, Instant.EPOCH).isEmpty());
  }
}
