package org.segnode.node.export;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bounded exponential backoff: after failed attempt n (1-based) the next one waits {@code
 * initialDelay * 2^(n-1)}, at most {@code maxDelay}; after {@code maxAttempts} there is none.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  public RetryPolicy {
    if (maxAttempts < 1 || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "expected attempts >= 1 and 0 <= initial delay <= max delay, found "
              + maxAttempts
              + ", "
              + initialDelay
              + ", "
              + maxDelay);
    }
  }

  /** The wait after failed attempt {@code attempt}; doubling stops at the cap, not in overflow. */
  public Duration delayAfter(int attempt) {
    Duration delay = initialDelay;
    for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** When to try again after {@code attemptsMade} failures, or empty when the export has failed. */
  public Optional<Instant> nextAttempt(int attemptsMade, Instant now) {
    if (attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    return Optional.of(now.plus(delayAfter(attemptsMade)));
  }
}
