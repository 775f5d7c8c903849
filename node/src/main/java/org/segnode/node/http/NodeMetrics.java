package org.segnode.node.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's counters, shared by the receiver, the job queue and the export side and read by the
 * {@code /metrics} endpoint. Thread-safe and cheap to update; a fresh instance counts from zero.
 */
public final class NodeMetrics {
  final LongAdder instancesReceived = new LongAdder();
  final LongAdder instancesDuplicate = new LongAdder();
  final LongAdder instancesRefused = new LongAdder();
  final LongAdder seriesCompleted = new LongAdder();
  final LongAdder seriesSkipped = new LongAdder();
  final LongAdder seriesPurged = new LongAdder();
  final DoubleAdder segmentSecondsSum = new DoubleAdder();
  final LongAdder segmentCount = new LongAdder();
  final AtomicLong inferenceMsPerSliceBits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
  final LongAdder resultsFlagged = new LongAdder();
  final DoubleAdder exportSecondsSum = new DoubleAdder();
  final LongAdder exportCount = new LongAdder();
  final LongAdder exportsFailed = new LongAdder();

  /** An instance stored (spool and database) and acknowledged. */
  public void instanceReceived() {
    instancesReceived.increment();
  }

  /** An instance already stored, acknowledged again without storing. */
  public void instanceDuplicate() {
    instancesDuplicate.increment();
  }

  /** A C-STORE answered with a failure status. */
  public void instanceRefused() {
    instancesRefused.increment();
  }

  /** A series run completed receiving and was queued for segmentation. */
  public void seriesCompleted() {
    seriesCompleted.increment();
  }

  /** A series run completed receiving and matched no routing rule (recorded SKIPPED). */
  public void seriesSkipped() {
    seriesSkipped.increment();
  }

  /** A finished series run whose spool and outbox files the purge job removed. */
  public void seriesPurged(int runs) {
    seriesPurged.add(runs);
  }

  /** A segment job that wrote its SEG; {@code flagged} when it needs a human look. */
  public void segmented(Duration took, double inferenceMsPerSlice, boolean flagged) {
    segmentSecondsSum.add(took.toNanos() / 1e9);
    segmentCount.increment();
    inferenceMsPerSliceBits.set(Double.doubleToLongBits(inferenceMsPerSlice));
    if (flagged) {
      resultsFlagged.increment();
    }
  }

  /** One export attempt, successful or not. */
  public void exportAttempted(Duration took) {
    exportSecondsSum.add(took.toNanos() / 1e9);
    exportCount.increment();
  }

  /** An export marked FAILED after its last attempt. */
  public void exportFailed() {
    exportsFailed.increment();
  }

  public long instancesReceived() {
    return instancesReceived.sum();
  }

  double inferenceMsPerSlice() {
    return Double.longBitsToDouble(inferenceMsPerSliceBits.get());
  }
}
