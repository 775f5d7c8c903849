package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeProcess;

/**
 * The spool in a 16 MB tmpfs that fills up: storescu gets Out of Resources (0xA700), no partial or
 * temporary file stays in the spool, the node keeps serving, and once space is freed the same
 * series goes through. Two ways to run out: the watermark (spool.min-free-mb) refuses before
 * writing, and with no watermark the write itself fails (ENOSPC) in the middle of an instance.
 */
@Tag("packaged-node")
class FullSpoolIT {
  private static final int TMPFS_MB = 16;
  private static final long MB = 1024 * 1024;
  private static final String OUT_OF_RESOURCES =
      "Received Store Response (Refused: OutOfResources)";

  @TempDir Path dir;
  private List<Path> series;

  @BeforeEach
  void writeSeries() throws Exception {
    series = new ChaosPatient(3).writeSeries(dir.resolve("series"), "full-spool-it");
  }

  /** 3.5 MB free, 2 MB watermark: about a dozen instances fit, then 0xA700 before any write. */
  @Test
  void watermarkRefusesWithOutOfResourcesAndReceptionResumesWhenSpaceReturns() throws Exception {
    try (Tmpfs spool = Tmpfs.mount(dir.resolve("spool"), TMPFS_MB);
        NodeProcess node = start(spool, 2)) {
      Path filler = spool.fillLeaving(3 * MB + MB / 2);
      String refusal = fillUp(node);
      assertTrue(
          refusal.contains("expected at least 2 MB free, found"),
          "watermark reason expected in the node's log: " + refusal);
      Files.delete(filler);
      assertWholeSeriesStored(node);
    }
  }

  /** No watermark, 200 KB free: the second instance (131 KB) hits ENOSPC while being written. */
  @Test
  void diskFullDuringTheWriteRefusesWithOutOfResourcesAndLeavesNoPartialFile() throws Exception {
    try (Tmpfs spool = Tmpfs.mount(dir.resolve("spool"), TMPFS_MB);
        NodeProcess node = start(spool, 0)) {
      Path filler = spool.fillLeaving(200 * 1024);
      String refusal = fillUp(node);
      assertTrue(
          refusal.contains("No space left on device"),
          "ENOSPC expected in the node's log: " + refusal);
      Files.delete(filler);
      assertWholeSeriesStored(node);
    }
  }

  private NodeProcess start(Tmpfs spool, int minFreeMb) throws Exception {
    return NodeProcess.start(
        dir.resolve("node"),
        new NodeProcess.Setup(
            Map.of(
                "spool.dir",
                spool.dir.resolve("spool").toString(),
                "spool.min-free-mb",
                "" + minFreeMb,
                // no run completes during the test: only reception is under test here
                "series.inactivity-seconds",
                "3600"),
            Map.of("STORESCU", "127.0.0.1", "ECHOSCU", "127.0.0.1"),
            List.of()));
  }

  /**
   * Sends the series until the node answers 0xA700 (storescu halts there); checks that exactly the
   * acknowledged instances are in the spool, nothing else, and the node still answers C-ECHO.
   * Returns the node's log line for the refusal.
   */
  private String fillUp(NodeProcess node) throws Exception {
    Dcmtk.Result sent = Dcmtk.store(node.port, dir.resolve("series").toString());
    assertTrue(sent.output().contains(OUT_OF_RESOURCES), sent.output());
    List<Path> acked = Dcmtk.acknowledged(sent.output());
    assertTrue(
        !acked.isEmpty() && acked.size() < series.size(),
        "expected some instances stored before the spool filled up, found " + acked.size());
    List<Path> expected = new java.util.ArrayList<>();
    for (Path file : acked) {
      expected.add(Headers.spooled(node.config().spoolDir(), file));
    }
    assertEquals(
        expected.stream().sorted().toList(),
        node.spoolFiles(),
        "the spool holds exactly the acknowledged instances (no partial or temporary file)");
    assertEquals(List.of("" + acked.size()), node.column("SELECT COUNT(*) FROM instance"));
    assertTrue(node.isAlive(), "node expected running");
    Dcmtk.Result echo = Dcmtk.echo("ECHOSCU", "SEGNODE", node.port);
    assertEquals(0, echo.exitCode(), echo.output());
    String log = Files.readString(node.dir.resolve("node.log"));
    return log.lines()
        .filter(line -> line.contains("0xA700"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("refusal expected in the log\n" + log));
  }

  /** After space returned: the whole series resent is acknowledged and every instance stored. */
  private void assertWholeSeriesStored(NodeProcess node) throws Exception {
    Dcmtk.Result resent = Dcmtk.store(node.port, dir.resolve("series").toString());
    assertEquals(0, resent.exitCode(), resent.output());
    assertEquals(series.size(), Dcmtk.acknowledged(resent.output()).size(), resent.output());
    assertEquals(List.of("" + series.size()), node.column("SELECT COUNT(*) FROM instance"));
    assertEquals(series.size(), node.spoolFiles().size(), "spool files");
  }
}
