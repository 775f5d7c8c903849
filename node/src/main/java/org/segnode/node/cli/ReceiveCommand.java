package org.segnode.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.segnode.cli.CliCommand;
import org.segnode.node.ReceiverNode;
import org.segnode.node.config.ConfigException;
import org.segnode.node.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code segnode receive}: the Storage SCP in the foreground until interrupted. */
@Command(
    name = "receive",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the node's DICOM receiver in the foreground until interrupted (Ctrl-C, SIGTERM):"
          + " accepts C-ECHO and C-STORE from the configured senders, stores instances durably in"
          + " the spool, records them in the database and marks series complete after the"
          + " inactivity timeout.",
      "It only receives and groups series: segmentation and export of SEG results are not done"
          + " yet (they come with the job queue)."
    })
public final class ReceiveCommand implements CliCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveCommand.class);

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
    CountDownLatch stopped = new CountDownLatch(1);
    ReceiverNode node =
        ReceiverNode.start(
            config, series -> LOG.info("segmentation not available yet: series left COMPLETE"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, stopped), "segnode-stop"));
    stopped.await();
    return 0;
  }

  private static void stop(ReceiverNode node, CountDownLatch stopped) {
    try {
      node.close();
    } catch (Exception e) {
      LOG.error("error while stopping: {}", e.toString());
    } finally {
      stopped.countDown();
    }
  }
}
