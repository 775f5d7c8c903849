package org.segnode.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.NodeFixture;
import org.segnode.node.NodeService;

/** /health/ready of the whole node follows the database and the spool's free-space watermark. */
class ReadinessTest {
  private static final Path MODEL = Path.of("../models/liver-mr-t2/model.onnx");

  @TempDir Path dir;

  @Test
  void spoolBelowItsWatermarkIsNotReadyWithTheReason() throws Exception {
    long watermarkMb = Integer.MAX_VALUE; // more than any test machine's disk
    try (NodeService node = start(watermarkMb)) {
      HttpResponse<String> ready = Scrape.get(node.httpPort(), "/health/ready");
      assertEquals(503, ready.statusCode(), ready.body());
      // the free megabytes are those of the moment of the request: other writers move them
      assertTrue(
          ready
              .body()
              .matches(
                  "not ready: spool below its free-space watermark: \\d+ MB free,"
                      + " spool.min-free-mb="
                      + watermarkMb
                      + "\n"),
          ready.body());
    }
  }

  @Test
  void lostDatabaseIsNotReadyWithTheReason() throws Exception {
    try (NodeService node = start(1)) {
      node.receiver().database().close();
      HttpResponse<String> ready = Scrape.get(node.httpPort(), "/health/ready");
      assertEquals(503, ready.statusCode(), ready.body());
      assertTrue(ready.body().startsWith("not ready: database "), ready.body());
    }
  }

  @Test
  void spoolAboveItsWatermarkIsReady() throws Exception {
    try (NodeService node = start(1)) {
      HttpResponse<String> ready = Scrape.get(node.httpPort(), "/health/ready");
      assertEquals(200, ready.statusCode(), ready.body());
    }
  }

  private NodeService start(long watermarkMb) throws Exception {
    return NodeFixture.startService(
        dir,
        Map.of(
            "spool.min-free-mb", "" + watermarkMb,
            "model.path", MODEL.toAbsolutePath().normalize().toString(),
            "http.port", "" + NodeFixture.freePort()));
  }
}
