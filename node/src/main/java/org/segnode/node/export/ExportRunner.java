package org.segnode.node.export;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.segnode.node.config.Destination;
import org.segnode.node.http.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one attempt of an export and records its outcome: SENT, PENDING with the next attempt time
 * from the {@link RetryPolicy}, or FAILED with the reason once attempts are used up. A failed
 * export stays in the outbox; {@link #retryByHand} makes it PENDING again with fresh attempts.
 */
public final class ExportRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);

  private final SegSender sender;
  private final ExportStore store;
  private final RetryPolicy policy;
  private final Map<String, Destination> destinations;
  private final Clock clock;
  private final NodeMetrics metrics;

  /** With metrics nobody reads (tests). */
  public ExportRunner(
      SegSender sender,
      ExportStore store,
      RetryPolicy policy,
      Map<String, Destination> destinations,
      Clock clock) {
    this(sender, store, policy, destinations, clock, new NodeMetrics());
  }

  public ExportRunner(
      SegSender sender,
      ExportStore store,
      RetryPolicy policy,
      Map<String, Destination> destinations,
      Clock clock,
      NodeMetrics metrics) {
    this.metrics = metrics;
    this.sender = sender;
    this.store = store;
    this.policy = policy;
    this.destinations = destinations;
    this.clock = clock;
  }

  /**
   * Attempts {@code row} once (whatever its due time: scheduling is the queue's) and records it.
   */
  public ExportRow.State run(ExportRow row) throws SQLException {
    MDC.put("series", row.seriesUid());
    MDC.put("destination", row.destination());
    try {
      int attempt = row.attempts() + 1;
      Destination destination = destinations.get(row.destination());
      if (destination == null) {
        // A destination removed from the configuration will not come back by waiting.
        return fail(
            row,
            attempt,
            "expected destination '"
                + row.destination()
                + "' in destinations.properties, found none");
      }
      long start = System.nanoTime();
      try {
        sender.send(row.file(), destination);
      } catch (ExportException e) {
        metrics.exportAttempted(Duration.ofNanos(System.nanoTime() - start));
        return attemptFailed(row, attempt, e.getMessage());
      }
      metrics.exportAttempted(Duration.ofNanos(System.nanoTime() - start));
      store.updateExport(row.id(), ExportRow.State.SENT, attempt, null, null, clock.instant());
      LOG.info("export {} sent on attempt {}", row.id(), attempt);
      return ExportRow.State.SENT;
    } finally {
      MDC.remove("series");
      MDC.remove("destination");
    }
  }

  private ExportRow.State attemptFailed(ExportRow row, int attempt, String reason)
      throws SQLException {
    Instant now = clock.instant();
    Optional<Instant> next = policy.nextAttempt(attempt, now);
    if (next.isEmpty()) {
      return fail(row, attempt, reason);
    }
    store.updateExport(row.id(), ExportRow.State.PENDING, attempt, next.get(), reason, now);
    LOG.warn(
        "export {} attempt {}/{} failed, next at {}: {}",
        row.id(),
        attempt,
        policy.maxAttempts(),
        next.get(),
        reason);
    return ExportRow.State.PENDING;
  }

  private ExportRow.State fail(ExportRow row, int attempt, String reason) throws SQLException {
    store.updateExport(row.id(), ExportRow.State.FAILED, attempt, null, reason, clock.instant());
    metrics.exportFailed();
    LOG.error(
        "export {} failed after {} attempt(s), kept in the outbox: {}", row.id(), attempt, reason);
    return ExportRow.State.FAILED;
  }

  /**
   * Makes a FAILED export PENDING again, due now, with its attempts reset (the admin has fixed the
   * cause); returns false when no such FAILED export exists.
   */
  public boolean retryByHand(long id) throws SQLException {
    Optional<ExportRow> row = store.export(id);
    if (row.isEmpty() || row.get().state() != ExportRow.State.FAILED) {
      return false;
    }
    store.updateExport(
        id, ExportRow.State.PENDING, 0, clock.instant(), row.get().lastError(), clock.instant());
    LOG.info("export {} queued again by hand", id);
    return true;
  }
}
