package org.segnode.node.queue;

import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.utils.DBConnectionManager;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.routing.Route;
import org.segnode.node.routing.Router;
import org.segnode.node.segment.SeriesSegmenter;
import org.segnode.node.series.CompletedSeries;
import org.segnode.node.series.SeriesCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Routes completed series and turns those a rule takes into persistent Quartz jobs in the node's
 * database: one durable, recovering {@link SegmentSeriesJob} per series run, keyed by series UID
 * and run, plus a {@code job} row naming the rule. A series no rule takes gets a SKIPPED row with
 * the reason and no Quartz job. A second completion of the same run schedules nothing.
 */
public final class JobQueue implements SeriesCompletionListener, AutoCloseable {
  public static final String GROUP = "segment";
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
  private static final String DELEGATE = "org.quartz.jobStore.driverDelegateClass";
  private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

  private final Scheduler scheduler;
  private final JobTable table;
  private final Clock clock;
  private final NodeMetrics metrics;
  private final Router router;
  private final Map<Class<? extends Job>, Supplier<Job>> jobs = new HashMap<>();

  private JobQueue(
      Scheduler scheduler, JobTable table, Clock clock, NodeMetrics metrics, Router router) {
    this.router = router;
    this.scheduler = scheduler;
    this.table = table;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** As below, with metrics nobody reads (tests). */
  public static JobQueue create(
      NodeConfig config,
      Properties quartz,
      NodeDatabase db,
      SeriesSegmenter segmenter,
      ExportQueue exports,
      Clock clock)
      throws SQLException, IOException, SchedulerException {
    return create(config, quartz, db, segmenter, exports, clock, new NodeMetrics());
  }

  /**
   * A queue in standby: jobs can be queued, none runs before {@link #start}. Creates Quartz's
   * tables in the node's database when absent.
   */
  public static JobQueue create(
      NodeConfig config,
      Properties quartz,
      NodeDatabase db,
      SeriesSegmenter segmenter,
      ExportQueue exports,
      Clock clock,
      NodeMetrics metrics)
      throws SQLException, IOException, SchedulerException {
    QuartzSchema.Database database;
    try (Connection c =
        DriverManager.getConnection(config.dbUrl(), config.dbUser(), config.dbPassword())) {
      database = QuartzSchema.createIfAbsent(c);
    }
    // Quartz finds data sources by name in a JVM-wide registry; a fresh name per queue keeps
    // two queues (tests, restarts in one JVM) from sharing a provider
    String dataSource = "segnode-" + DATA_SOURCES.incrementAndGet();
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            dataSource,
            new NodeConnectionProvider(config.dbUrl(), config.dbUser(), config.dbPassword()));
    Properties props = new Properties();
    props.putAll(quartz);
    props.setProperty(DELEGATE, delegate(quartz, database));
    props.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
    props.setProperty("org.quartz.jobStore.dataSource", dataSource);
    Scheduler scheduler = new StdSchedulerFactory(props).getScheduler();
    JobQueue queue =
        new JobQueue(scheduler, new JobTable(db), clock, metrics, new Router(config.routing()));
    queue.register(
        SegmentSeriesJob.class,
        () -> new SegmentSeriesJob(queue.table, segmenter, config, exports, clock, metrics));
    scheduler.setJobFactory((bundle, s) -> queue.newJob(bundle.getJobDetail().getJobClass()));
    return queue;
  }

  /** The delegate must suit the database: one set in quartz.properties may only agree. */
  private static String delegate(Properties quartz, QuartzSchema.Database database)
      throws IOException {
    String set = quartz.getProperty(DELEGATE);
    if (set != null && !set.strip().equals(database.delegate)) {
      throw new IOException(
          "quartz.properties: "
              + DELEGATE
              + " follows the database; expected it unset or "
              + database.delegate
              + " for "
              + database
              + ", found "
              + set);
    }
    return database.delegate;
  }

  /** Lets other job kinds (exports, purge) be built with their dependencies. */
  public synchronized <T extends Job> void register(Class<T> type, Supplier<T> factory) {
    jobs.put(type, factory::get);
  }

  private synchronized Job newJob(Class<? extends Job> type) throws SchedulerException {
    Supplier<Job> factory = jobs.get(type);
    if (factory == null) {
      throw new SchedulerException("job class expected to be registered, found " + type);
    }
    return factory.get();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  /** True once started and until shut down (for the readiness check). */
  public boolean running() {
    try {
      return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }

  public JobTable table() {
    return table;
  }

  /**
   * Repairs what a crash can leave between two commits, then runs: a job row without its Quartz job
   * is scheduled again, and a run recorded COMPLETE without a job row gets its job. Jobs that were
   * running are recovered by Quartz itself (they request recovery).
   */
  public void start() throws SchedulerException, SQLException {
    for (JobRow row : table.unfinished()) {
      if (!scheduler.checkExists(jobKey(row.seriesUid(), row.run()))) {
        LOG.info("re-queueing job {} that has no scheduler entry", row.id());
        schedule(row.seriesUid(), row.run(), row.id());
      }
    }
    for (CompletedSeries run : table.completedWithoutJob()) {
      MDC.put("series", run.seriesUid());
      LOG.info("queueing run {}, recorded complete without a job", run.run());
      MDC.remove("series");
      seriesCompleted(run);
    }
    scheduler.start();
  }

  @Override
  public void seriesCompleted(CompletedSeries series) throws SQLException, SchedulerException {
    MDC.put("series", series.seriesUid());
    try {
      Route route;
      try {
        route = route(series);
      } catch (IOException | DicomException e) {
        // the receiver checked the instance's header already: unreadable now means the spool is
        // damaged, so the run is recorded FAILED with the cause instead of being lost
        finish(series, JobRow.FAILED, "cannot read header for routing: " + e.getMessage());
        return;
      }
      if (route.skipped()) {
        if (finish(series, JobRow.SKIPPED, route.skipReason())) {
          metrics.seriesSkipped();
        }
        return;
      }
      queue(series, route.rule().name());
    } finally {
      MDC.remove("series");
    }
  }

  private Route route(CompletedSeries series) throws SQLException, IOException, DicomException {
    Path instance = table.firstInstance(series.seriesUid(), series.run());
    if (instance == null) {
      throw new IOException("run " + series.run() + " has no instance recorded");
    }
    return router.route(instance);
  }

  private void queue(CompletedSeries series, String rule) throws SQLException, SchedulerException {
    OptionalLong id = table.insertQueued(series.seriesUid(), series.run(), rule, clock.instant());
    if (id.isEmpty()) {
      LOG.info("run {} already has a segment job; not queued again", series.run());
      return;
    }
    schedule(series.seriesUid(), series.run(), id.getAsLong());
    metrics.seriesCompleted();
    LOG.info("segment job {} QUEUED (run {}, rule {})", id.getAsLong(), series.run(), rule);
  }

  /** Records a run that gets no segment job; false when it had a job already. */
  private boolean finish(CompletedSeries series, String state, String reason) throws SQLException {
    OptionalLong id =
        table.insertFinished(series.seriesUid(), series.run(), state, reason, clock.instant());
    if (id.isEmpty()) {
      LOG.info("run {} already has a job; not recorded again", series.run());
      return false;
    }
    if (state.equals(JobRow.FAILED)) {
      LOG.warn("run {} FAILED: {}", series.run(), reason);
    } else {
      LOG.info("run {} {}: {}", series.run(), state, reason);
    }
    return true;
  }

  private void schedule(String seriesUid, int run, long jobId) throws SchedulerException {
    JobKey key = jobKey(seriesUid, run);
    JobDetail job =
        JobBuilder.newJob(SegmentSeriesJob.class)
            .withIdentity(key)
            .storeDurably()
            .requestRecovery()
            .usingJobData(SegmentSeriesJob.SERIES_UID, seriesUid)
            .usingJobData(SegmentSeriesJob.RUN, Integer.toString(run))
            .usingJobData(SegmentSeriesJob.JOB_ID, Long.toString(jobId))
            .build();
    try {
      scheduler.scheduleJob(
          job, TriggerBuilder.newTrigger().withIdentity(key.getName(), GROUP).startNow().build());
    } catch (ObjectAlreadyExistsException e) {
      // another node (cluster) or an earlier attempt scheduled it: one job per series run
      LOG.info("job {} already scheduled", jobId);
    }
  }

  static JobKey jobKey(String seriesUid, int run) {
    return new JobKey(seriesUid + "/" + run, GROUP);
  }

  /** Stops taking work; a job in progress finishes first (or is recovered after a crash). */
  @Override
  public void close() throws SchedulerException {
    scheduler.shutdown(true);
  }
}
