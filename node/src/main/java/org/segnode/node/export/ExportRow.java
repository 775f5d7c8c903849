package org.segnode.node.export;

import java.nio.file.Path;
import java.time.Instant;

/** One SEG (or other file) to send to one destination, as kept in the {@code export} table. */
public record ExportRow(
    long id,
    String seriesUid,
    int run,
    Path file,
    String destination,
    State state,
    int attempts,
    Instant nextAttempt,
    String lastError) {

  /** PENDING until sent (SENT) or out of attempts (FAILED, kept in the outbox, retried by hand). */
  public enum State {
    PENDING,
    SENT,
    FAILED
  }
}
