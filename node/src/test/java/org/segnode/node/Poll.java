package org.segnode.node;

import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Bounded waits for the tests: a read every 50 ms until it satisfies a condition or time is up. */
public final class Poll {
  private Poll() {}

  /**
   * The first value of {@code read} that {@code done} accepts, read every 50 ms for at most {@code
   * waitMs}.
   *
   * @throws AssertionError naming {@code expected} and the last value read when time runs out
   */
  public static <T> T until(long waitMs, Callable<T> read, Predicate<T> done, String expected)
      throws Exception {
    long deadline = System.currentTimeMillis() + waitMs;
    T value = read.call();
    while (!done.test(value)) {
      if (System.currentTimeMillis() >= deadline) {
        throw new AssertionError(
            "expected " + expected + " within " + waitMs + " ms, found " + value);
      }
      Thread.sleep(50);
      value = read.call();
    }
    return value;
  }
}
