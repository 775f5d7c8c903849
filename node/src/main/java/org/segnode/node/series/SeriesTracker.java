package org.segnode.node.series;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Groups stored instances into series runs. Each stored instance (re)starts its series' inactivity
 * timer; {@link #poll} completes every run whose timer has run out, records it and tells the
 * listener. An instance of a series whose run is complete opens the next run, so late instances are
 * processed rather than lost. Time comes from the injected {@link Clock}, so tests advance a clock
 * instead of sleeping; the node calls {@link #poll} periodically.
 *
 * <p>Runs this tracker did not open itself (left RECEIVING by a stopped or crashed node, this one
 * before a restart or another one sharing the database) are found by a sweep of the store every
 * {@link #SWEEP} and completed once idle for the inactivity timeout plus {@link #ORPHAN_GRACE}: the
 * grace leaves a live receiving node the time to complete its own runs, and the store completes a
 * run only while it is RECEIVING, so it is completed (and queued) once whichever node gets there.
 * Idle time counts from this tracker's start at the earliest: while a node was down no sender could
 * reach it, so downtime is no sign that a series was whole, and a sender that resends an
 * interrupted series right after the restart extends the same run (segmented once).
 */
public final class SeriesTracker {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesTracker.class);

  /**
   * How long a run another node opened may sit idle past the timeout before this one completes it.
   */
  public static final Duration ORPHAN_GRACE = Duration.ofSeconds(30);

  /** How often the store is searched for such runs. */
  public static final Duration SWEEP = Duration.ofSeconds(5);

  /** Writes an instance's record; runs under the tracker's lock so completion cannot interleave. */
  @FunctionalInterface
  public interface InstanceRecorder {
    void record(int run) throws SQLException;
  }

  private static final class OpenRun {
    final String studyUid;
    final int run;
    Instant lastSeen;

    OpenRun(String studyUid, int run, Instant lastSeen) {
      this.studyUid = studyUid;
      this.run = run;
      this.lastSeen = lastSeen;
    }
  }

  private final Clock clock;
  private final Duration inactivity;
  private final SeriesStore store;
  private final SeriesCompletionListener listener;
  private final Map<String, OpenRun> open = new HashMap<>();
  private final Instant startedAt;
  private Instant nextSweep;

  private SeriesTracker(
      Clock clock, Duration inactivity, SeriesStore store, SeriesCompletionListener listener) {
    this.clock = clock;
    this.inactivity = inactivity;
    this.store = store;
    this.listener = listener;
    this.startedAt = clock.instant();
    this.nextSweep = startedAt;
  }

  /**
   * A tracker whose first {@link #poll} also sweeps the store for runs left RECEIVING (after a stop
   * or crash).
   */
  public static SeriesTracker start(
      Clock clock, Duration inactivity, SeriesStore store, SeriesCompletionListener listener) {
    return new SeriesTracker(clock, inactivity, store, listener);
  }

  /**
   * Notes a stored instance of the series (opening a run when none is open) and lets {@code
   * recorder} write its record with the run number, both under the tracker's lock.
   */
  public synchronized int instanceStored(
      String seriesUid, String studyUid, InstanceRecorder recorder) throws SQLException {
    Instant now = clock.instant();
    OpenRun current = open.get(seriesUid);
    if (current == null) {
      current = new OpenRun(studyUid, store.openRun(seriesUid, studyUid, now), now);
      open.put(seriesUid, current);
    }
    recorder.record(current.run);
    current.lastSeen = now;
    return current.run;
  }

  /** Completes every run idle for the inactivity timeout; returns them in completion order. */
  public List<CompletedSeries> poll() {
    List<CompletedSeries> completed = completeExpired();
    for (CompletedSeries series : completed) {
      MDC.put("series", series.seriesUid());
      try {
        LOG.info(
            "series complete: run {} with {} instance(s)", series.run(), series.instanceCount());
        listener.seriesCompleted(series);
      } catch (Exception e) {
        LOG.error(
            "series completion listener failed for run {}: {}", series.run(), e.toString(), e);
      } finally {
        MDC.remove("series");
      }
    }
    return completed;
  }

  private synchronized List<CompletedSeries> completeExpired() {
    Instant now = clock.instant();
    List<CompletedSeries> completed = new ArrayList<>();
    Iterator<Map.Entry<String, OpenRun>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, OpenRun> entry = it.next();
      OpenRun run = entry.getValue();
      if (run.lastSeen.plus(inactivity).isAfter(now)) {
        continue;
      }
      try {
        OptionalInt count = store.completeRun(entry.getKey(), run.run, now);
        if (count.isPresent()) {
          completed.add(
              new CompletedSeries(run.studyUid, entry.getKey(), run.run, count.getAsInt(), now));
        } else {
          LOG.info("series {} run {} was completed by another node", entry.getKey(), run.run);
        }
        it.remove();
      } catch (SQLException e) {
        // Left open: the next poll tries again rather than losing the completion.
        LOG.error(
            "cannot record completion of series {} run {}: {}",
            entry.getKey(),
            run.run,
            e.toString());
      }
    }
    if (!now.isBefore(nextSweep)) {
      nextSweep = now.plus(SWEEP);
      completed.addAll(completeOrphans(now));
    }
    return completed;
  }

  /** Completes runs this tracker is not receiving that have been idle past timeout and grace. */
  private List<CompletedSeries> completeOrphans(Instant now) {
    List<CompletedSeries> completed = new ArrayList<>();
    try {
      for (SeriesRow row : store.openRuns()) {
        OpenRun mine = open.get(row.seriesUid());
        Instant since = row.lastReceived().isAfter(startedAt) ? row.lastReceived() : startedAt;
        boolean idle = !since.plus(inactivity).plus(ORPHAN_GRACE).isAfter(now);
        if ((mine != null && mine.run == row.run()) || !idle) {
          continue;
        }
        OptionalInt count = store.completeRun(row.seriesUid(), row.run(), now);
        if (count.isPresent()) {
          LOG.info("series {} run {} left open by a stopped node", row.seriesUid(), row.run());
          completed.add(
              new CompletedSeries(
                  row.studyUid(), row.seriesUid(), row.run(), count.getAsInt(), now));
        }
      }
    } catch (SQLException e) {
      // the next sweep tries again
      LOG.error("cannot look for series runs left open: {}", e.toString());
    }
    return completed;
  }

  /** Series runs currently receiving. */
  public synchronized int openRunCount() {
    return open.size();
  }
}
