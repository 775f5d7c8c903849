package org.segnode.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.segnode.cli.CliCommand;
import org.segnode.node.NodeService;
import org.segnode.node.SystemdNotify;
import org.segnode.node.config.ConfigException;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.queue.QuartzSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code segnode node}: the whole node in the foreground until interrupted. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the node in the foreground until interrupted (Ctrl-C, SIGTERM): accepts C-ECHO and"
          + " C-STORE from the configured senders, stores instances durably, segments each series"
          + " once no instance has arrived for series.inactivity-seconds, and sends the DICOM SEG"
          + " to every configured destination, retrying failed sends with backoff.",
      "Quartz settings are read from quartz.properties in the --conf folder.",
      "Exit code 0 after a clean stop, 1 for configuration errors."
    })
public final class NodeCommand implements CliCommand {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    NodeConfig config;
    try {
      config = options.load();
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      err.println(e.errors().size() + " configuration error(s): not started");
      return 1;
    }
    LOG.info("effective configuration: {}", String.join(", ", config.describe()));
    Path quartz = options.conf.resolve("quartz.properties");
    NodeService node = NodeService.start(config, QuartzSettings.load(quartz));
    SystemdNotify systemd = SystemdNotify.fromEnvironment();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(node, systemd, stopped), "segnode-stop"));
    // Only now: the Store SCP listens and the job queue runs (NodeService.start returned).
    systemd.ready("accepting associations as " + config.aeTitle() + " on port " + node.port());
    stopped.await();
    return 0;
  }

  private static void stop(NodeService node, SystemdNotify systemd, CountDownLatch stopped) {
    systemd.stopping();
    try {
      node.close();
    } catch (Exception e) {
      LOG.error("error while stopping: {}", e.toString());
    } finally {
      stopped.countDown();
    }
  }
}
