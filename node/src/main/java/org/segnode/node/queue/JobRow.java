package org.segnode.node.queue;

/** A segment job as recorded in the node's {@code job} table. */
public record JobRow(
    long id,
    String seriesUid,
    int run,
    String state,
    int attempts,
    String reason,
    String review,
    String segPath,
    String rule) {
  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";
  public static final String DONE = "DONE";
  public static final String FAILED = "FAILED";
  public static final String SKIPPED = "SKIPPED";

  public boolean finished() {
    return state.equals(DONE) || state.equals(FAILED) || state.equals(SKIPPED);
  }
}
