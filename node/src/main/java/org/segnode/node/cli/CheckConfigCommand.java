package org.segnode.node.cli;

import java.io.PrintWriter;
import org.segnode.cli.CliCommand;
import org.segnode.node.config.ConfigException;
import org.segnode.node.config.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code segnode check-config}: validates the node's configuration and prints every error. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Validates the node's configuration (conf/ and ae-config/) and prints every error with its"
          + " file and key, or the effective values when all is well.",
      "Exit code 0 when valid, 1 when not."
    })
public final class CheckConfigCommand implements CliCommand {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      NodeConfig config = options.load();
      config.describe().forEach(out::println);
      out.println("configuration valid");
      return 0;
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      err.println(e.errors().size() + " configuration error(s)");
      return 1;
    }
  }
}
