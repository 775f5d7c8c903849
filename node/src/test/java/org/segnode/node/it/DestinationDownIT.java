package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.NodeProcess;
import org.segnode.node.export.StoreScpProcess;
import org.segnode.node.http.Scrape;

/**
 * The packaged node with its destination down: SEGs wait in the outbox and back off, and arrive
 * once the destination is up; a destination gone for good leaves the export FAILED, counted in the
 * metrics, until {@code segnode retry} sends it. What the node says is read the way an admin reads
 * it: {@code segnode status} and /metrics.
 */
@Tag("packaged-node")
class DestinationDownIT {
  private static final long WAIT_MS = 120_000;
  private static final Pattern EXPORT =
      Pattern.compile("id=(\\d+) job=\\d+ destination=pacs state=(\\w+) attempts=(\\d+)");

  /** One export line of {@code segnode status}. */
  record Export(long id, String state, int attempts) {}

  @TempDir Path dir;

  @Test
  void segsWaitWhileTheDestinationIsDownAndAllArriveWhenItIsUp() throws Exception {
    int pacsPort = NodeFixture.freePort();
    try (NodeProcess node = start(pacsPort, 20)) {
      send(node, new ChaosPatient(2), "down-a");
      send(node, new ChaosPatient(3), "down-b");
      List<Export> waiting =
          await(node, e -> e.size() == 2 && e.stream().allMatch(x -> x.attempts() >= 2));
      assertTrue(waiting.stream().allMatch(e -> e.state().equals("PENDING")), "" + waiting);
      try (StoreScpProcess pacs = StoreScpProcess.start(dir.resolve("pacs"), pacsPort)) {
        List<Export> sent =
            await(node, e -> e.size() == 2 && e.stream().allMatch(x -> x.state().equals("SENT")));
        assertEquals(2, pacs.files().size(), "SEGs at the destination: " + pacs.files());
        assertEquals(2, pacs.storeRequests(), "each SEG sent once: " + sent);
      }
    }
  }

  @Test
  void destinationGoneForGoodEndsFailedAndRetryByHandSendsIt() throws Exception {
    int pacsPort = NodeFixture.freePort();
    try (NodeProcess node = start(pacsPort, 2)) {
      send(node, new ChaosPatient(3), "gone");
      Export failed = await(node, e -> e.size() == 1 && e.get(0).state().equals("FAILED")).get(0);
      assertEquals(2, failed.attempts());
      var metrics = Scrape.parse(Scrape.get(node.httpPort, "/metrics").body());
      assertEquals("1", metrics.get("segnode_exports_failed_total"), "" + metrics);
      try (StoreScpProcess pacs = StoreScpProcess.start(dir.resolve("pacs"), pacsPort)) {
        String retried = node.cli("retry", "" + failed.id());
        await(node, e -> e.get(0).state().equals("SENT"));
        assertEquals(1, pacs.files().size(), retried);
      }
    }
  }

  /** Retries 1 s apart at first, at most 2 s apart, {@code attempts} in all. */
  private NodeProcess start(int pacsPort, int attempts) throws Exception {
    return NodeProcess.start(
        dir.resolve("node"),
        new NodeProcess.Setup(
            Map.of(
                "series.inactivity-seconds", "1",
                "spool.min-free-mb", "1",
                "export.attempts", "" + attempts,
                "export.initial-delay-seconds", "1",
                "export.max-delay-seconds", "2"),
            Map.of("STORESCU", "127.0.0.1"),
            List.of(new NodeProcess.Destination("pacs", "DEST", pacsPort))));
  }

  private void send(NodeProcess node, ChaosPatient patient, String seed) throws Exception {
    Path series = dir.resolve(seed);
    patient.writeSeries(series, seed);
    Dcmtk.Result sent = Dcmtk.store(node.port, series.toString());
    assertEquals(0, sent.exitCode(), sent.output());
  }

  /** Bounded: reads {@code segnode status} every second for at most {@value #WAIT_MS} ms. */
  private static List<Export> await(NodeProcess node, Predicate<List<Export>> done)
      throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    String status = "";
    while (System.currentTimeMillis() < deadline) {
      status = node.cli("status");
      List<Export> exports = exports(status);
      if (!exports.isEmpty() && done.test(exports)) {
        return exports;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "exports did not reach the expected state within " + WAIT_MS + " ms:\n" + status);
  }

  private static List<Export> exports(String status) {
    List<Export> exports = new ArrayList<>();
    Matcher m = EXPORT.matcher(status);
    while (m.find()) {
      exports.add(new Export(Long.parseLong(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
    }
    return exports;
  }
}
