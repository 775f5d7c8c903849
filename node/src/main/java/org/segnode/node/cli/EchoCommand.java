package org.segnode.node.cli;

import java.io.PrintWriter;
import java.time.Duration;
import org.segnode.cli.CliCommand;
import org.segnode.node.config.ConfigException;
import org.segnode.node.config.Destination;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.export.ExportException;
import org.segnode.node.export.SegSender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segnode echo <destination>}: C-ECHO to a configured destination. */
@Command(
    name = "echo",
    mixinStandardHelpOptions = true,
    description = {
      "Sends a C-ECHO to a destination of destinations.properties, with the node's AE title and"
          + " TCP_NODELAY, and prints OK with the round-trip time or the reason it failed.",
      "Exit code 0 on success, 1 on failure."
    })
public final class EchoCommand implements CliCommand {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DESTINATION", description = "a destination name")
  String name;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "connect and answer timeout (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      NodeConfig config = options.load();
      Destination destination = config.destinations().get(name);
      if (destination == null) {
        err.println(
            "expected a destination in "
                + config.destinations().keySet()
                + ", found '"
                + name
                + "'");
        return 1;
      }
      Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
      long start = System.nanoTime();
      new SegSender(config.aeTitle(), timeout, timeout, config.tls().context()).echo(destination);
      long ms = (System.nanoTime() - start) / 1_000_000;
      out.println(
          "OK "
              + name
              + " "
              + destination.aeTitle()
              + "@"
              + destination.host()
              + ":"
              + destination.port()
              + " in "
              + ms
              + " ms");
      return 0;
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      return 1;
    } catch (ExportException e) {
      err.println("FAILED " + name + ": " + e.getMessage());
      return 1;
    }
  }
}
