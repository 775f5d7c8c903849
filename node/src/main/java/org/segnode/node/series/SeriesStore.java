package org.segnode.node.series;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** Where series runs are recorded (the node database). */
public interface SeriesStore {
  /**
   * The run of the series to record an instance in: the one RECEIVING if there is one (left open by
   * a stopped node, or opened by another node on the same database), else a new one (1 for the
   * first).
   */
  int openRun(String seriesUid, String studyUid, Instant now) throws SQLException;

  /**
   * Marks the run COMPLETE and returns how many instances it has; empty when it was no longer
   * RECEIVING (another node sharing the database completed it first).
   */
  OptionalInt completeRun(String seriesUid, int run, Instant now) throws SQLException;

  /** Runs still RECEIVING, e.g. left open by a stop or crash. */
  List<SeriesRow> openRuns() throws SQLException;
}
