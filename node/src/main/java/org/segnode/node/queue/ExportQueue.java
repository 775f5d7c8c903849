package org.segnode.node.queue;

/**
 * Told when a segment job has recorded its PENDING export rows, so exports can start without
 * waiting for a poll. The node uses {@code org.segnode.node.export.ExportScheduler}; {@link
 * #LOG_ONLY} serves tests of the segment side alone. The rows themselves are the durable record,
 * this is only a nudge.
 */
@FunctionalInterface
public interface ExportQueue {
  /** Called after the job's export rows are committed; must not throw for a busy destination. */
  void exportsPending(long jobId, String seriesUid, int run) throws Exception;

  /** For tests without an export side: leaves the rows PENDING and logs at DEBUG. */
  ExportQueue LOG_ONLY =
      (jobId, seriesUid, run) ->
          org.slf4j.LoggerFactory.getLogger(ExportQueue.class)
              .debug("exports of job {} pending; no export queue attached", jobId);
}
