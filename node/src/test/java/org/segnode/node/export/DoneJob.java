package org.segnode.node.export;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import org.segnode.node.db.NodeDatabase;

/** Test data: a series run and its finished segment job, which export rows reference. */
final class DoneJob {
  private DoneJob() {}

  /** Inserts run 1 of series 1.2.3.4 with a DONE job; returns the job id. */
  static long insert(NodeDatabase db, Instant now) throws Exception {
    db.openRun("1.2.3.4", "1.2.3", now);
    return db.withConnection(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "INSERT INTO job (series_uid, run, state, queued_at) VALUES ('1.2.3.4', 1,"
                      + " 'DONE', ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            q.setObject(1, now.atOffset(ZoneOffset.UTC));
            q.executeUpdate();
            try (ResultSet keys = q.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }
}
