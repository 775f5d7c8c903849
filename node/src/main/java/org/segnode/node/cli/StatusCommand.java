package org.segnode.node.cli;

import java.io.PrintWriter;
import org.segnode.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segnode status}: the newest series, jobs, exports and refused instances with states, times
 * and reasons.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the newest series runs, segment jobs, exports and refused instances with their"
          + " states, times and reasons (UIDs only, never patient names or IDs). Works while the"
          + " node runs.",
      "Exit code 0, or 1 when the configuration or database cannot be read."
    })
public final class StatusCommand implements CliCommand {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "rows per section (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (limit < 1) {
      err.println("--limit: expected at least 1, found " + limit);
      return 1;
    }
    return Databases.withDatabase(
        options,
        err,
        db -> {
          new StatusReport(db, limit).print(out);
          return 0;
        });
  }
}
