package org.segnode.node.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.TestClock;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.db.StoredInstance;

class SeriesTrackerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final TestClock clock = new TestClock();
  private final List<CompletedSeries> completed = new ArrayList<>();

  private static NodeDatabase database(Path dir) throws Exception {
    return NodeDatabase.open("jdbc:h2:file:" + dir.resolve("db"), "sa", "");
  }

  private void store(SeriesTracker tracker, NodeDatabase db, String series, String sop)
      throws Exception {
    tracker.instanceStored(
        series,
        "1.2.3",
        run ->
            db.insertInstance(
                new StoredInstance(
                    sop,
                    "1.2.840.10008.5.1.4.1.1.4",
                    "1.2.840.10008.1.2.1",
                    "1.2.3",
                    series,
                    run,
                    Path.of("/spool/" + sop),
                    10,
                    "PACS",
                    clock.instant())));
  }

  @Test
  void eachInstanceRestartsTheTimerAndCompletionCountsTheRun(@TempDir Path dir) throws Exception {
    try (NodeDatabase db = database(dir)) {
      SeriesTracker tracker = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      store(tracker, db, "1.2.3.4", "1.2.3.4.1");
      clock.advance(Duration.ofSeconds(4));
      store(tracker, db, "1.2.3.4", "1.2.3.4.2");
      clock.advance(Duration.ofSeconds(4));
      assertEquals(List.of(), tracker.poll(), "8 s after the first, 4 s after the last");
      clock.advance(Duration.ofSeconds(1));
      List<CompletedSeries> done = tracker.poll();
      assertEquals(1, done.size());
      assertEquals(2, done.get(0).instanceCount());
      assertEquals(1, done.get(0).run());
      assertEquals(done, completed);
      assertEquals(List.of(), tracker.poll(), "completed once");
    }
  }

  @Test
  void instanceAfterCompletionStartsTheNextRun(@TempDir Path dir) throws Exception {
    try (NodeDatabase db = database(dir)) {
      SeriesTracker tracker = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      store(tracker, db, "1.2.3.4", "1.2.3.4.1");
      clock.advance(TIMEOUT);
      tracker.poll();
      store(tracker, db, "1.2.3.4", "1.2.3.4.2");
      clock.advance(TIMEOUT);
      tracker.poll();
      assertEquals(List.of(1, 2), completed.stream().map(CompletedSeries::run).toList());
      assertEquals(List.of(1, 1), completed.stream().map(CompletedSeries::instanceCount).toList());
      assertEquals(
          List.of("COMPLETE", "COMPLETE"), db.allSeries().stream().map(SeriesRow::state).toList());
    }
  }

  @Test
  void runLeftOpenByAStopCompletesTimeoutAndGraceAfterRestart(@TempDir Path dir) throws Exception {
    try (NodeDatabase db = database(dir)) {
      SeriesTracker first = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      store(first, db, "1.2.3.4", "1.2.3.4.1");
    }
    clock.advance(Duration.ofMinutes(1));
    try (NodeDatabase db = database(dir)) {
      SeriesTracker restarted = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      assertEquals(List.of(), restarted.poll(), "downtime must not count as inactivity");
      clock.advance(TIMEOUT.plus(SeriesTracker.ORPHAN_GRACE));
      List<CompletedSeries> done = restarted.poll();
      assertEquals(1, done.size());
      assertEquals(1, done.get(0).instanceCount());
      assertEquals(clock.instant(), done.get(0).completedAt());
      assertEquals(Instant.parse("2025-01-01T08:00:00Z"), db.allSeries().get(0).lastReceived());
    }
  }

  @Test
  void instanceOfARunLeftOpenJoinsItAfterRestart(@TempDir Path dir) throws Exception {
    try (NodeDatabase db = database(dir)) {
      SeriesTracker first = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      store(first, db, "1.2.3.4", "1.2.3.4.1");
    }
    clock.advance(Duration.ofSeconds(1));
    try (NodeDatabase db = database(dir)) {
      SeriesTracker restarted = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      store(restarted, db, "1.2.3.4", "1.2.3.4.2");
      clock.advance(TIMEOUT);
      List<CompletedSeries> done = restarted.poll();
      assertEquals(List.of(1), done.stream().map(CompletedSeries::run).toList());
      assertEquals(2, done.get(0).instanceCount());
    }
  }

  /** Two trackers on one database stand for two nodes sharing it. */
  @Test
  void runOfALiveNodeIsLeftToItAndARunOfAStoppedNodeCompletedOnce(@TempDir Path dir)
      throws Exception {
    try (NodeDatabase db = database(dir)) {
      SeriesTracker a = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      SeriesTracker b = SeriesTracker.start(clock, TIMEOUT, db, completed::add);
      store(a, db, "1.2.3.4", "1.2.3.4.1");
      store(a, db, "1.2.3.5", "1.2.3.5.1");
      clock.advance(TIMEOUT.minusSeconds(1));
      store(a, db, "1.2.3.4", "1.2.3.4.2");
      clock.advance(TIMEOUT.minusSeconds(1));
      assertEquals(List.of(), b.poll(), "b leaves a's runs to a");
      assertEquals(List.of("1.2.3.5"), seriesOf(a.poll()));
      clock.advance(TIMEOUT);
      assertEquals(List.of(), b.poll(), "within the grace");
      clock.advance(SeriesTracker.ORPHAN_GRACE); // as if a had stopped without completing it
      assertEquals(List.of("1.2.3.4"), seriesOf(b.poll()));
      assertEquals(List.of(), a.poll(), "a, polling late after all, finds it completed");
      assertEquals(List.of("1.2.3.5", "1.2.3.4"), seriesOf(completed));
      assertEquals(2, completed.get(1).instanceCount());
    }
  }

  private static List<String> seriesOf(List<CompletedSeries> series) {
    return series.stream().map(CompletedSeries::seriesUid).toList();
  }
}
