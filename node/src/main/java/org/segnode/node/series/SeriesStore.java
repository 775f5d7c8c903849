package org.segnode.node.series;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Where series runs are recorded (the node database). */
public interface SeriesStore {
  /** Records a new run (state RECEIVING) of the series and returns its number, 1 for the first. */
  int openRun(String seriesUid, String studyUid, Instant now) throws SQLException;

  /** Marks the run COMPLETE and returns how many instances it has. */
  int completeRun(String seriesUid, int run, Instant now) throws SQLException;

  /** Runs still RECEIVING, e.g. left open by a stop or crash. */
  List<SeriesRow> openRuns() throws SQLException;
}
