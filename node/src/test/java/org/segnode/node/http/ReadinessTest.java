package org.segnode.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.NodeService;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.queue.QuartzSettings;

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
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(
        dir.resolve("conf/segnode.properties"),
        "spool.min-free-mb="
            + watermarkMb
            + "\nmodel.path="
            + MODEL.toAbsolutePath().normalize()
            + "\nhttp.port="
            + freePort()
            + "\n");
    Files.writeString(
        dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\nae.port=" + freePort() + "\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "STORESCU=127.0.0.1\n");
    NodeConfig config =
        NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
    return NodeService.start(config, QuartzSettings.load(Path.of("../conf/quartz.properties")));
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }
}
