package org.segnode.node.cli;

import java.nio.file.Path;
import org.segnode.node.config.ConfigException;
import org.segnode.node.config.NodeConfig;
import picocli.CommandLine.Option;

/** The three folders every node command reads; defaults are the checkout's own folders. */
final class ConfigOptions {
  @Option(
      names = "--conf",
      paramLabel = "DIR",
      defaultValue = "${sys:segnode.home:-.}/conf",
      description = "folder with segnode.properties (default: ${DEFAULT-VALUE})")
  Path conf;

  @Option(
      names = "--ae-config",
      paramLabel = "DIR",
      defaultValue = "${sys:segnode.home:-.}/ae-config",
      description =
          "folder with ae, senders and destinations properties (default: ${DEFAULT-VALUE})")
  Path aeConfig;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      defaultValue = "${sys:segnode.home:-.}/state",
      description = "folder for the spool and database (default: ${DEFAULT-VALUE})")
  Path state;

  NodeConfig load() throws ConfigException {
    return NodeConfig.load(conf, aeConfig, state);
  }
}
