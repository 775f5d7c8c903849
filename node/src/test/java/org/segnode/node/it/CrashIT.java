package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.dicom.StableUids;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.NodeProcess;
import org.segnode.node.export.StoreScpProcess;
import org.segnode.node.segment.SeriesSegmenter;

/**
 * kill -9 of the packaged node while a series is being received, and again while it is being
 * segmented. After the restart every acknowledged instance is in the spool and the database, and
 * exactly one SEG per series reaches the destination, with the SOP Instance UID the series run
 * always gets however often its job ran.
 *
 * <p>The series is CHAOS patient 36 (45 slices) written as DICOM. The inactivity timeout is 5 s:
 * after a restart the runs left open get a fresh 5 s, in which the test resends the series. The
 * database is read through the node while it runs, or directly while it is down (never across a
 * kill or restart: see {@link NodeProcess#query}).
 */
@Tag("packaged-node")
class CrashIT {
  private static final long WAIT_MS = 90_000;
  private static final Pattern MODEL = Pattern.compile("model (\\S+) (\\S+) loaded");

  @TempDir Path dir;
  private List<Path> series;

  @BeforeEach
  void writeSeries() throws Exception {
    series = new ChaosPatient(36).writeSeries(dir.resolve("series"), "crash-it");
  }

  /**
   * Killed mid-association: the instances storescu saw acknowledged survive; the series resent
   * right after the restart (acknowledged ones again, as a sender that cannot tell would) is one
   * run of all 45 instances and comes back as one SEG.
   */
  @Test
  void killDuringReceiveLosesNoAcknowledgedInstanceAndGivesOneSeg() throws Exception {
    try (StoreScpProcess pacs = pacs();
        NodeProcess node = NodeProcess.start(dir.resolve("node"), setup(pacs))) {
      Path storescuLog = dir.resolve("storescu.log");
      Process storescu =
          Dcmtk.storeSlowly(node.port, storescuLog, dir.resolve("series").toString());
      awaitSpooled(node, 10);
      node.kill9();
      assertTrue(storescu.waitFor(60, TimeUnit.SECONDS), "storescu expected to end");
      List<Path> acked = Dcmtk.acknowledged(Files.readString(storescuLog));
      assertTrue(
          !acked.isEmpty() && acked.size() < series.size(),
          "expected the kill in the middle of the series, found "
              + acked.size()
              + " of "
              + series.size()
              + " acknowledged\n"
              + Files.readString(storescuLog));
      // checked on what the kill left on disk, before a restart or a resend could mend anything
      List<String> recorded = node.column("SELECT path FROM instance");
      for (Path file : acked) {
        Path spooled = Headers.spooled(node.config().spoolDir(), file);
        assertTrue(Files.isRegularFile(spooled), "acknowledged instance expected at " + spooled);
        assertTrue(recorded.contains(spooled.toString()), "database record of " + spooled);
      }
      try (NodeProcess restarted = node.restart()) {
        Dcmtk.Result resent = Dcmtk.store(restarted.port, dir.resolve("series").toString());
        assertEquals(0, resent.exitCode(), resent.output());
        awaitOneSent(restarted);
        assertEquals(List.of("1 COMPLETE " + series.size()), runs(restarted), "series runs");
        assertEquals(
            series.size(),
            restarted.spoolFiles().size(),
            "spool: every instance, no temporary file");
        assertOneSeg(pacs, restarted, 1);
      }
    }
  }

  /**
   * Killed while the segment job runs: after the restart Quartz recovers the job, it runs again
   * (attempt 2) and the destination receives one SEG with the series run's stable UID.
   */
  @Test
  void killDuringSegmentationRerunsTheJobAndSendsOneSeg() throws Exception {
    try (StoreScpProcess pacs = pacs();
        NodeProcess node = NodeProcess.start(dir.resolve("node"), setup(pacs))) {
      Dcmtk.Result sent = Dcmtk.store(node.port, dir.resolve("series").toString());
      assertEquals(0, sent.exitCode(), sent.output());
      node.awaitLog("segment job RUNNING", WAIT_MS);
      node.kill9();
      assertEquals(
          List.of("RUNNING"),
          node.column("SELECT state FROM job"),
          "expected the kill while the job ran\n" + node.logTail());
      assertEquals(List.of(), pacs.files(), "no SEG expected before the restart");
      try (NodeProcess restarted = node.restart()) {
        awaitOneSent(restarted);
        assertEquals(
            List.of("DONE 2"),
            restarted.column("SELECT state || ' ' || attempts FROM job"),
            "the job ran again after the restart");
        assertOneSeg(pacs, restarted, 1);
      }
    }
  }

  private StoreScpProcess pacs() throws Exception {
    return StoreScpProcess.start(dir.resolve("pacs"), NodeFixture.freePort());
  }

  private static NodeProcess.Setup setup(StoreScpProcess pacs) {
    return new NodeProcess.Setup(
        Map.of("series.inactivity-seconds", "5", "spool.min-free-mb", "1"),
        Map.of("STORESCU", "127.0.0.1"),
        List.of(new NodeProcess.Destination("pacs", "DEST", pacs.port)));
  }

  /** Bounded: polls the spool until {@code count} instances are committed there. */
  private static void awaitSpooled(NodeProcess node, int count) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (node.spoolFiles().stream().filter(f -> f.toString().endsWith(".dcm")).count() >= count) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("expected " + count + " instances in the spool\n" + node.logTail());
  }

  /** Bounded: waits until one export is SENT and no job, run or export is still in progress. */
  private static void awaitOneSent(NodeProcess node) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    List<String> state = List.of();
    while (System.currentTimeMillis() < deadline) {
      state =
          node.column(
              "SELECT 'export ' || state FROM export UNION ALL SELECT 'job ' || state"
                  + " FROM job WHERE state IN ('QUEUED', 'RUNNING') UNION ALL SELECT"
                  + " 'series ' || state FROM series WHERE state = 'RECEIVING'");
      if (state.equals(List.of("export SENT"))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "expected one SENT export and nothing in progress within "
            + WAIT_MS
            + " ms, found "
            + state
            + "\n"
            + node.logTail());
  }

  private static List<String> runs(NodeProcess node) throws Exception {
    return node.column(
        "SELECT run || ' ' || state || ' ' || instance_count FROM series ORDER BY run");
  }

  /**
   * One SEG file at the destination, and its SOP Instance UID is the one derived from the series
   * run and the model that the node loaded (named in its log).
   */
  private void assertOneSeg(StoreScpProcess pacs, NodeProcess node, int run) throws Exception {
    List<Path> received = pacs.files();
    assertEquals(1, received.size(), "SEGs at the destination: " + received);
    assertEquals(1, pacs.storeRequests(), "C-STORE requests the destination received");
    Matcher model = MODEL.matcher(Files.readString(node.dir.resolve("node.log")));
    assertTrue(model.find(), "model line expected in the log");
    String seriesUid = Headers.uid(series.get(0), TagFromName.SeriesInstanceUID);
    String seed = SeriesSegmenter.uidSeed(seriesUid, run, model.group(1), model.group(2));
    assertEquals(
        StableUids.of(seed, "sop"),
        Headers.uid(received.get(0), TagFromName.SOPInstanceUID),
        "SEG SOP Instance UID");
  }
}
