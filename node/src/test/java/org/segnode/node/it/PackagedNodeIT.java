package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeProcess;

/** The packaged node started by bin/segnode answers C-ECHO and stops cleanly on SIGTERM. */
@Tag("packaged-node")
class PackagedNodeIT {
  @TempDir Path dir;

  @Test
  void launcherStartsANodeThatEchoesAndStopsOnSigterm() throws Exception {
    NodeProcess.Setup setup =
        new NodeProcess.Setup(
            Map.of("series.inactivity-seconds", "1", "spool.min-free-mb", "1"),
            Map.of("ECHOSCU", "127.0.0.1"),
            List.of());
    NodeProcess node = NodeProcess.start(dir, setup);
    try (node) {
      Dcmtk.Result echo = Dcmtk.echo("ECHOSCU", "SEGNODE", node.port);
      assertEquals(0, echo.exitCode(), echo.output());
    }
    assertFalse(node.isAlive(), "node expected stopped after SIGTERM");
    String log = Files.readString(dir.resolve("node.log"));
    assertTrue(log.contains("node stopped"), "clean stop expected in the log:\n" + log);
  }
}
