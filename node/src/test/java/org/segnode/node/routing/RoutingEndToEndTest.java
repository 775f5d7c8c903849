package org.segnode.node.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.inference.TinyModelAccess;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.NodeService;
import org.segnode.node.Poll;
import org.segnode.node.cli.StatusCommand;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.http.PrometheusText;
import org.segnode.node.queue.JobRow;
import picocli.CommandLine;

/**
 * The node routes what storescu sends: each MR series to its rule's model, a CT series to no rule
 * (SKIPPED with the reason, never segmented). Inactivity is a real 1 s, so waits are bounded polls.
 */
class RoutingEndToEndTest {
  private static final String CT = "dicom-samples/transfer-syntax/pydicom_CT_small.dcm";
  private static final long WAIT_MS = 60_000;

  @TempDir Path dir;

  @Test
  void eachSeriesGoesToItsRulesModelAndUnmatchedOnesAreSkipped() throws Exception {
    Path t2 = writeMr("t2", "Abdomen T2 SPIR");
    Path t1 = writeMr("t1", "Abdomen T1 in-phase");
    String skipReason;
    try (NodeService node = startNode()) {
      Dcmtk.Result sent =
          Dcmtk.store(node.port(), t2.toString(), t1.toString(), SharedData.path(CT).toString());
      assertEquals(0, sent.exitCode(), sent.output());
      Map<String, JobRow> jobs = awaitFinishedJobs(node, 3);

      JobRow ct = jobs.get("CT");
      assertEquals(JobRow.SKIPPED, ct.state(), "" + ct);
      assertEquals(
          "no rule matched: Modality='CT' SeriesDescription='' orientation=axial", ct.reason());
      assertEquals(0, ct.attempts(), "a skipped series is never segmented");
      assertNull(ct.rule());
      assertFalse(
          Files.exists(dir.resolve("state/outbox").resolve(ct.seriesUid())),
          "no outbox folder for a skipped series");
      // the T2 rule's model finds the bright block; the other rule's model finds nothing
      assertEquals(JobRow.DONE, jobs.get("t2").state(), "" + jobs.get("t2"));
      assertNull(jobs.get("t2").review(), "" + jobs.get("t2"));
      assertEquals(JobRow.DONE, jobs.get("other-mr").state(), "" + jobs.get("other-mr"));
      assertEquals("no liver found", jobs.get("other-mr").review());

      String metrics = PrometheusText.render(node.metrics(), node);
      assertTrue(metrics.contains("\nsegnode_series_skipped_total 1\n"), metrics);
      assertTrue(metrics.contains("\nsegnode_series_completed_total 2\n"), metrics);
      skipReason = ct.reason();
    }
    // after the node stopped: a second connection from this JVM makes the scheduler log errors at
    // the node's shutdown (the real `segnode status` is another process: StatusRetryCommandTest)
    String status = status();
    assertTrue(status.contains("state=SKIPPED attempts=0"), status);
    assertTrue(status.contains("reason=\"" + skipReason + "\""), status);
    assertTrue(status.contains("rule=t2"), status);
  }

  /** {@code segnode status} in-process, reading the running node's database. */
  private String status() {
    StringWriter out = new StringWriter();
    CommandLine line = new CommandLine(new StatusCommand());
    line.setOut(new PrintWriter(out, true));
    int exit =
        line.execute(
            "--conf=" + dir.resolve("conf"),
            "--ae-config=" + dir.resolve("ae-config"),
            "--state=" + dir.resolve("state"));
    assertEquals(0, exit, out.toString());
    return out.toString();
  }

  /**
   * Bounded: the finished jobs by rule name ("CT" for the skipped one), once there are n. The rules
   * are exclusive by Series Description, so the rule names the series too.
   */
  private static Map<String, JobRow> awaitFinishedJobs(NodeService node, int n) throws Exception {
    List<JobRow> jobs =
        Poll.until(
            WAIT_MS,
            () -> node.queue().table().all(),
            all -> all.size() == n && all.stream().allMatch(JobRow::finished),
            n + " finished jobs");
    return jobs.stream().collect(Collectors.toMap(j -> j.rule() == null ? "CT" : j.rule(), j -> j));
  }

  /** A 32 x 32 x 4 axial MR series, bright in a central block. */
  private Path writeMr(String seed, String description) throws Exception {
    Grid grid = Grid.axial(32, 32, 4, 10, 10, 10);
    float[] voxels = new float[grid.voxelCount()];
    for (int k = 0; k < 4; k++) {
      for (int j = 8; j < 24; j++) {
        for (int i = 8; i < 24; i++) {
          voxels[grid.index(i, j, k)] = 1000;
        }
      }
    }
    Path series = dir.resolve(seed);
    new DicomSeriesWriter()
        .write(
            new ImageVolume(grid, voxels),
            series,
            new DicomSeriesWriter.Options("SYN^A", "SYN-1", "routing", description, seed));
    return series;
  }

  private NodeService startNode() throws Exception {
    Path finds = TinyModelAccess.liver(dir.resolve("finds.onnx"), 1000f);
    Path findsNothing = TinyModelAccess.liver(dir.resolve("nothing.onnx"), 0f);
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        dir.resolve("conf/routing.properties"),
        "rules=t2,other-mr\n"
            + "rule.t2.match.Modality=MR\nrule.t2.match.SeriesDescription=.*t2.*\n"
            + "rule.t2.orientation=axial\n"
            + "rule.other-mr.match.Modality=MR\nrule.other-mr.model="
            + findsNothing
            + "\n");
    return NodeFixture.startService(
        dir,
        Map.of(
            "series.inactivity-seconds", "1",
            "spool.min-free-mb", "1",
            "http.port", "0",
            "review.liver-ml.min", "0",
            "review.min-confidence", "0.5",
            "model.path", finds.toString(),
            "storage.sop-classes", NodeConfig.MR_IMAGE_STORAGE + ",1.2.840.10008.5.1.4.1.1.2"));
  }
}
