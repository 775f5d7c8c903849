package org.segnode.node.series;

/**
 * Told when a series run is complete (already recorded COMPLETE in the database). Called on the
 * tracker's polling thread, never under its lock; an exception is logged and does not stop other
 * notifications. The job queue implements this to schedule segmentation.
 */
@FunctionalInterface
public interface SeriesCompletionListener {
  void seriesCompleted(CompletedSeries series) throws Exception;
}
