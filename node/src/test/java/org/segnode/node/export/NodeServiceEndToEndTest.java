package org.segnode.node.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.seg.Segmentation;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.NodeService;
import org.segnode.node.Poll;
import org.segnode.node.http.Scrape;

/**
 * The whole node with the shipped model: a real MR series sent with storescu comes back as one SEG
 * at a dcmtk storescp destination, with the liver where the reference says. The inactivity timeout
 * is a real 1 s (the node's clock runs in real time here), so waits are bounded polls.
 */
class NodeServiceEndToEndTest {
  private static final Path MODEL = Path.of("../models/liver-mr-t2/model.onnx");
  private static final long WAIT_MS = 60_000;
  private static final ChaosPatient PATIENT = new ChaosPatient(3);

  @TempDir Path dir;

  @Test
  void sentSeriesComesBackAsOneSegWithTheLiver() throws Exception {
    Path series = writeSeries();
    try (StoreScpProcess pacs = StoreScpProcess.start(dir.resolve("pacs"), NodeFixture.freePort());
        NodeService node = startNode(pacs.port)) {
      Dcmtk.Result sent = Dcmtk.store(node.port(), series.toString());
      assertEquals(0, sent.exitCode(), sent.output());
      ExportTable exports = new ExportTable(node.receiver().database());
      awaitSent(exports);
      List<Path> received = pacs.files();
      assertEquals(1, received.size(), "SEGs at the destination: " + received);
      assertLiver(received.get(0), series);
      assertHttp(node);
    }
  }

  /** Health and metrics over HTTP after the series went through. */
  private static void assertHttp(NodeService node) throws Exception {
    assertEquals(200, Scrape.get(node.httpPort(), "/health/live").statusCode());
    assertEquals(200, Scrape.get(node.httpPort(), "/health/ready").statusCode());
    String body = Scrape.get(node.httpPort(), "/metrics").body();
    var samples = Scrape.parse(body);
    long received = Long.parseLong(samples.get("segnode_instances_received_total"));
    assertTrue(received > 0, body);
    assertEquals(node.receiver().database().instanceCount(), received, body);
    assertEquals("1", samples.get("segnode_series_completed_total"), body);
    assertEquals("1", samples.get("segnode_segment_seconds_count"), body);
    assertEquals("1", samples.get("segnode_export_seconds_count"), body);
    assertEquals("0", samples.get("segnode_queue_depth"), body);
    assertTrue(Double.parseDouble(samples.get("segnode_inference_ms_per_slice")) > 0, body);
    assertTrue(Long.parseLong(samples.get("segnode_spool_free_bytes")) > 0, body);
  }

  private Path writeSeries() throws Exception {
    Path series = dir.resolve("series");
    PATIENT.writeSeries(series, "node-e2e");
    return series;
  }

  private NodeService startNode(int pacsPort) throws Exception {
    NodeFixture.writeDestination(dir, "pacs", "DEST", pacsPort);
    return NodeFixture.startService(
        dir,
        Map.of(
            "series.inactivity-seconds",
            "1",
            "spool.min-free-mb",
            "1",
            "model.path",
            MODEL.toAbsolutePath().normalize().toString(),
            "http.port",
            "" + NodeFixture.freePort()));
  }

  /** Bounded: polls the export table until one export is SENT, at most {@value #WAIT_MS} ms. */
  private static void awaitSent(ExportTable exports) throws Exception {
    Poll.until(
        WAIT_MS,
        exports::exports,
        rows -> rows.size() == 1 && rows.get(0).state() == ExportRow.State.SENT,
        "one SENT export");
  }

  private static void assertLiver(Path segFile, Path seriesDir) throws Exception {
    Segmentation seg = SegReader.read(segFile);
    DicomSeries source = new DicomSeriesReader().read(seriesDir);
    assertEquals(source.seriesInstanceUid(), seg.referencedSeriesUid());
    double dice = PATIENT.liverDice(ChaosPatient.labelsOf(seg, source));
    assertTrue(dice >= 0.85, "liver Dice of the SEG the node sent: " + dice);
  }
}
