package org.segnode.node.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.segnode.cli.CliCommand;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.export.ExportRow;
import org.segnode.node.export.ExportScheduler;
import org.segnode.node.export.ExportTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segnode retry <export-id>}: queues a FAILED export again, due now. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a FAILED export PENDING again, due now, with its attempts reset. A running node sends"
          + " it within 30 s (its export job looks for such rows at that interval); a stopped"
          + " node sends it when started.",
      "Exit code 0 when queued, 1 when the export is unknown or not FAILED."
    })
public final class RetryCommand implements CliCommand {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "EXPORT-ID", description = "the export's id, as `segnode status` shows")
  long id;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return Databases.withDatabase(options, err, db -> retry(db, out, err));
  }

  private int retry(NodeDatabase db, PrintWriter out, PrintWriter err) throws SQLException {
    ExportTable table = new ExportTable(db);
    Optional<ExportRow> row = table.export(id);
    if (row.isEmpty()) {
      err.println("export " + id + ": expected an existing export, found none");
      return 1;
    }
    if (row.get().state() != ExportRow.State.FAILED) {
      err.println("export " + id + ": expected state FAILED, found " + row.get().state());
      return 1;
    }
    Instant now = Instant.now();
    table.updateExport(id, ExportRow.State.PENDING, 0, now, row.get().lastError(), now);
    out.println(
        "export "
            + id
            + " to "
            + row.get().destination()
            + " is PENDING again; a running node"
            + " sends it within "
            + ExportScheduler.POLL.toSeconds()
            + " s");
    return 0;
  }
}
