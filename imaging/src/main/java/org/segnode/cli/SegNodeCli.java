package org.segnode.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code segnode} launcher: finds every {@link CliCommand} on the class path and runs one. */
@Command(
    name = "segnode",
    mixinStandardHelpOptions = true,
    version = "SegNode 0.1.0",
    description =
        "SegNode: a DICOM AI node that segments abdominal MR series and returns DICOM SEG.",
    subcommands = CommandLine.HelpCommand.class)
public final class SegNodeCli implements Runnable {
  /** Exit code for failures while running a well-formed command (bad input data, I/O). */
  public static final int FAILED = 1;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The launcher with all commands found, one-line errors, and exit code 2 for usage errors. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SegNodeCli());
    ServiceLoader.load(CliCommand.class).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(c -> c.getClass().getAnnotation(Command.class).name()))
        .forEach(cli::addSubcommand);
    cli.setParameterExceptionHandler(SegNodeCli::usageError);
    cli.setExecutionExceptionHandler(SegNodeCli::failure);
    return cli;
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandName() + ": " + e.getMessage() + " (see --help)");
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Failures of the work itself: one line naming what went wrong, never a stack trace. */
  private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cmd.getErr()
        .println(cmd.getCommandName() + ": error: " + message.lines().findFirst().orElse(""));
    return FAILED;
  }
}
