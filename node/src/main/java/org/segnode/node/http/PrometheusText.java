package org.segnode.node.http;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@link NodeMetrics} in the Prometheus text exposition format, version 0.0.4. */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusText.class);

  private final StringBuilder out = new StringBuilder(2048);

  private PrometheusText() {}

  /** The whole exposition; gauges read from {@code state} are NaN when they cannot be read. */
  public static String render(NodeMetrics m, NodeState state) {
    PrometheusText t = new PrometheusText();
    t.receiving(m);
    t.processing(m);
    t.gauge(
        "segnode_queue_depth",
        "Segment jobs QUEUED or RUNNING plus exports PENDING.",
        read(state::queueDepth, "queue depth"));
    t.gauge(
        "segnode_spool_free_bytes",
        "Usable bytes on the spool's file system.",
        read(state::spoolFreeBytes, "spool free space"));
    return t.out.toString();
  }

  private void receiving(NodeMetrics m) {
    counter(
        "segnode_instances_received",
        "Instances stored and acknowledged.",
        m.instancesReceived.sum());
    counter(
        "segnode_instances_duplicate",
        "Instances already stored, acknowledged again.",
        m.instancesDuplicate.sum());
    counter(
        "segnode_instances_refused",
        "C-STORE requests answered with a failure status.",
        m.instancesRefused.sum());
    counter(
        "segnode_series_completed",
        "Series runs completed and queued for segmentation.",
        m.seriesCompleted.sum());
    counter(
        "segnode_series_skipped",
        "Series runs completed that matched no routing rule.",
        m.seriesSkipped.sum());
    counter(
        "segnode_series_purged",
        "Finished series runs whose spool and outbox files were purged.",
        m.seriesPurged.sum());
  }

  private void processing(NodeMetrics m) {
    summary(
        "segnode_segment_seconds",
        "Segment job durations (read, infer, write) in seconds.",
        m.segmentSecondsSum.sum(),
        m.segmentCount.sum());
    gauge(
        "segnode_inference_ms_per_slice",
        "Model inference ms per slice of the last segmented series.",
        m.inferenceMsPerSlice());
    counter("segnode_results_flagged", "Segmentations flagged for review.", m.resultsFlagged.sum());
    summary(
        "segnode_export_seconds",
        "Export attempt durations in seconds.",
        m.exportSecondsSum.sum(),
        m.exportCount.sum());
    counter(
        "segnode_exports_failed",
        "Exports marked FAILED after their last attempt.",
        m.exportsFailed.sum());
  }

  private interface Source {
    long get() throws Exception;
  }

  private static double read(Source source, String what) {
    try {
      return source.get();
    } catch (Exception e) {
      LOG.warn("metrics: cannot read {}: {}", what, e.toString());
      return Double.NaN;
    }
  }

  private void counter(String name, String help, long value) {
    header(name + "_total", help, "counter");
    line(name + "_total", value);
  }

  private void gauge(String name, String help, double value) {
    header(name, help, "gauge");
    line(name, value);
  }

  private void summary(String name, String help, double sum, long count) {
    header(name, help, "summary");
    line(name + "_sum", sum);
    line(name + "_count", count);
  }

  private void header(String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void line(String name, double value) {
    out.append(name).append(' ').append(format(value)).append('\n');
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%s", value);
  }
}
