package org.segnode.node.export;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The exports' states, kept in the node database ({@code export} table). */
public interface ExportStore {
  Optional<ExportRow> export(long id) throws SQLException;

  /** Every export, oldest first (status views, tests). */
  List<ExportRow> exports() throws SQLException;

  /** Sets state, attempts, next attempt (null when none) and last error of one export. */
  void updateExport(
      long id, ExportRow.State state, int attempts, Instant nextAttempt, String error, Instant now)
      throws SQLException;
}
