package org.segnode.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints on a free loopback port, with a fake node state. */
class HttpEndpointTest {
  static final List<String> NAMES =
      List.of(
          "segnode_instances_received_total",
          "segnode_instances_duplicate_total",
          "segnode_instances_refused_total",
          "segnode_series_completed_total",
          "segnode_segment_seconds",
          "segnode_inference_ms_per_slice",
          "segnode_export_seconds",
          "segnode_exports_failed_total",
          "segnode_results_flagged_total",
          "segnode_queue_depth",
          "segnode_spool_free_bytes");

  private static final class FakeState implements NodeState {
    volatile String reason = "Store SCP not listening";

    @Override
    public String notReadyReason() {
      return reason;
    }

    @Override
    public long queueDepth() {
      return 3;
    }

    @Override
    public long spoolFreeBytes() throws Exception {
      throw new java.io.IOException("no disk");
    }
  }

  @Test
  void healthFollowsTheNodeState() throws Exception {
    FakeState state = new FakeState();
    try (HttpEndpoint http =
        HttpEndpoint.start(InetAddress.getLoopbackAddress(), 0, new NodeMetrics(), state)) {
      assertEquals(200, Scrape.get(http.port(), "/health/live").statusCode());
      HttpResponse<String> before = Scrape.get(http.port(), "/health/ready");
      assertEquals(503, before.statusCode());
      assertEquals("not ready: Store SCP not listening\n", before.body());
      state.reason = null;
      assertEquals(200, Scrape.get(http.port(), "/health/ready").statusCode());
      state.reason = "node stopping";
      assertEquals(503, Scrape.get(http.port(), "/health/ready").statusCode());
      assertEquals(404, Scrape.get(http.port(), "/health/other").statusCode());
    }
  }

  @Test
  void metricsAreInTheTextFormat() throws Exception {
    NodeMetrics metrics = new NodeMetrics();
    metrics.instanceReceived();
    metrics.instanceReceived();
    metrics.segmented(Duration.ofMillis(1500), 12.5, true);
    metrics.exportAttempted(Duration.ofMillis(250));
    try (HttpEndpoint http =
        HttpEndpoint.start(InetAddress.getLoopbackAddress(), 0, metrics, new FakeState())) {
      HttpResponse<String> response = Scrape.get(http.port(), "/metrics");
      assertEquals(200, response.statusCode());
      assertTrue(
          response.headers().firstValue("Content-Type").orElse("").contains("version=0.0.4"));
      Map<String, String> samples = Scrape.parse(response.body());
      assertEquals("2", samples.get("segnode_instances_received_total"));
      assertEquals("1.5", samples.get("segnode_segment_seconds_sum"));
      assertEquals("1", samples.get("segnode_segment_seconds_count"));
      assertEquals("12.5", samples.get("segnode_inference_ms_per_slice"));
      assertEquals("1", samples.get("segnode_results_flagged_total"));
      assertEquals("0.25", samples.get("segnode_export_seconds_sum"));
      assertEquals("3", samples.get("segnode_queue_depth"));
      assertEquals("NaN", samples.get("segnode_spool_free_bytes"));
      for (String name : NAMES) {
        assertTrue(response.body().contains("# HELP " + name + " "), name);
        assertTrue(response.body().contains("# TYPE " + name + " "), name);
      }
    }
  }
}
