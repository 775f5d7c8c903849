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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Groups stored instances into series runs. Each stored instance (re)starts its series' inactivity
 * timer; {@link #poll} completes every run whose timer has run out, records it and tells the
 * listener. An instance of a series whose run is complete opens the next run, so late instances are
 * processed rather than lost. Time comes from the injected {@link Clock}, so tests advance a clock
 * instead of sleeping; the node calls {@link #poll} periodically.
 */
public final class SeriesTracker {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesTracker.class);

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

  private SeriesTracker(
      Clock clock, Duration inactivity, SeriesStore store, SeriesCompletionListener listener) {
    this.clock = clock;
    this.inactivity = inactivity;
    this.store = store;
    this.listener = listener;
  }

  /**
   * A tracker that also watches the runs left RECEIVING in the store (after a stop or crash). Their
   * inactivity timers start again now: while the node was down no sender could reach it, so the
   * downtime is no sign that the series was whole. A sender that resends an interrupted series
   * right after the restart thus extends the same run, and the series is segmented once.
   */
  public static SeriesTracker start(
      Clock clock, Duration inactivity, SeriesStore store, SeriesCompletionListener listener)
      throws SQLException {
    SeriesTracker tracker = new SeriesTracker(clock, inactivity, store, listener);
    Instant now = clock.instant();
    for (SeriesRow row : store.openRuns()) {
      tracker.open.put(row.seriesUid(), new OpenRun(row.studyUid(), row.run(), now));
    }
    if (!tracker.open.isEmpty()) {
      LOG.info("resuming {} series run(s) left open by the previous run", tracker.open.size());
    }
    return tracker;
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
        int count = store.completeRun(entry.getKey(), run.run, now);
        completed.add(new CompletedSeries(run.studyUid, entry.getKey(), run.run, count, now));
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
    return completed;
  }

  /** Series runs currently receiving. */
  public synchronized int openRunCount() {
    return open.size();
  }
}
