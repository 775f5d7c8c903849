package org.segnode.node.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.segnode.imaging.dicom.DicomReadException;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.config.RoutingRule;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.segment.SegmentOutcome;
import org.segnode.node.segment.SeriesSegmenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Segments one series run, writes its SEG into the outbox and leaves one PENDING export per
 * destination. Safe to run again after a crash: a finished job is skipped, and a re-run writes the
 * same SEG (same UIDs) and adds no second export row.
 */
public final class SegmentSeriesJob implements Job {
  static final String SERIES_UID = "seriesUid";
  static final String RUN = "run";
  static final String JOB_ID = "jobId";

  private static final Logger LOG = LoggerFactory.getLogger(SegmentSeriesJob.class);
  private static final long BUSY_RETRY_MS = 30_000;

  private final JobTable table;
  private final SeriesSegmenter segmenter;
  private final NodeConfig config;
  private final ExportQueue exports;
  private final Clock clock;
  private final NodeMetrics metrics;

  SegmentSeriesJob(
      JobTable table,
      SeriesSegmenter segmenter,
      NodeConfig config,
      ExportQueue exports,
      Clock clock,
      NodeMetrics metrics) {
    this.metrics = metrics;
    this.table = table;
    this.segmenter = segmenter;
    this.config = config;
    this.exports = exports;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    String seriesUid = data.getString(SERIES_UID);
    int run = Integer.parseInt(data.getString(RUN));
    long jobId = Long.parseLong(data.getString(JOB_ID));
    MDC.put("series", seriesUid);
    MDC.put("job", Long.toString(jobId));
    try {
      execute(context, seriesUid, run, jobId);
    } catch (SQLException | SchedulerException e) {
      // the node's own database or store failing is not this series' fault: Quartz logs it
      throw new JobExecutionException("segment job " + jobId + ": " + e.getMessage(), e, false);
    } finally {
      MDC.remove("series");
      MDC.remove("job");
    }
  }

  private void execute(JobExecutionContext context, String seriesUid, int run, long jobId)
      throws SQLException, SchedulerException {
    JobRow row = table.find(jobId);
    if (row.finished()) {
      LOG.info("segment job already {}; not run again", row.state());
      return;
    }
    if (!table.claim(jobId, seriesUid, clock.instant())) {
      LOG.info(
          "another run of this series is being segmented; retrying in {} s", BUSY_RETRY_MS / 1000);
      retryLater(context);
      return;
    }
    LOG.info(
        "segment job RUNNING (run {}, rule {}, attempt {})", run, row.rule(), row.attempts() + 1);
    try {
      RoutingRule rule = rule(row);
      List<Path> files = table.instancePaths(seriesUid, run);
      long start = System.nanoTime();
      SegmentOutcome outcome = segmenter.segment(seriesUid, run, files, rule.modelPath());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      table.addExports(jobId, outcome.seg(), rule.destinations(), clock.instant());
      table.done(jobId, outcome, clock.instant());
      logDone(outcome, files.size());
      metrics.segmented(took, outcome.inferenceMsPerSlice(), outcome.review() != null);
    } catch (IOException | DicomReadException | RuntimeException e) {
      // a series that cannot be read or segmented fails the same way every time: no retry
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      table.failed(jobId, reason, clock.instant());
      LOG.warn("segment job FAILED: {}", reason);
      return;
    }
    notifyExports(jobId, seriesUid, run);
  }

  /**
   * The rule the job was queued under, as configured now. A job queued before routing existed has
   * no rule and takes the first rule's model and destinations (by default the node's model and
   * every destination, as it would have then).
   */
  private RoutingRule rule(JobRow row) {
    if (row.rule() == null) {
      return config.routing().get(0);
    }
    return config
        .rule(row.rule())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "rule '" + row.rule() + "' expected in conf/routing.properties, found none"));
  }

  private void logDone(SegmentOutcome outcome, int instances) {
    if (outcome.review() == null) {
      LOG.info(
          "segment job DONE: {} instances, liver {} mL, confidence {}",
          instances,
          Math.round(outcome.liverMl()),
          String.format("%.3f", outcome.confidence()));
    } else {
      LOG.warn("segment job DONE, flagged for review: {}", outcome.review());
    }
  }

  private void notifyExports(long jobId, String seriesUid, int run) {
    try {
      exports.exportsPending(jobId, seriesUid, run);
    } catch (Exception e) {
      // the PENDING rows are the durable record; the export side picks them up regardless
      LOG.warn("export queue not told about job {}: {}", jobId, e.toString());
    }
  }

  /** A new one-shot trigger for the same durable job, so this firing completes normally. */
  private static void retryLater(JobExecutionContext context) throws SchedulerException {
    long at = System.currentTimeMillis() + BUSY_RETRY_MS;
    context
        .getScheduler()
        .scheduleJob(
            TriggerBuilder.newTrigger()
                .forJob(context.getJobDetail())
                .withIdentity(context.getJobDetail().getKey().getName() + "@" + at, JobQueue.GROUP)
                .startAt(new Date(at))
                .build());
  }
}
