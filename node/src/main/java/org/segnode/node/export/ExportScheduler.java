package org.segnode.node.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.segnode.node.config.Destination;
import org.segnode.node.config.ExportSettings;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.queue.ExportQueue;
import org.segnode.node.queue.JobQueue;

/**
 * The node's {@link ExportQueue}: fires the {@link ExportJob} as soon as a segment job has left
 * exports PENDING, and again at each retry's due time, so a result goes out without a poll
 * interval's delay. A slow poll ({@link #POLL}) only catches rows another process changed.
 *
 * <p>Create it before the {@link JobQueue} (which needs it), then {@link #attach} it to the queue.
 */
public final class ExportScheduler implements ExportQueue {
  static final String GROUP = "export";
  static final JobKey JOB = new JobKey("exports", GROUP);
  static final TriggerKey POLL_TRIGGER = new TriggerKey("poll", GROUP);

  /** How soon a running node notices an export made PENDING by another process. */
  public static final Duration POLL = Duration.ofSeconds(30);

  private volatile Scheduler scheduler;

  /** As below, with metrics nobody reads (tests). */
  public void attach(
      JobQueue queue,
      NodeDatabase db,
      SegSender sender,
      ExportSettings settings,
      Map<String, Destination> destinations,
      Clock clock)
      throws SchedulerException {
    attach(queue, db, sender, settings, destinations, clock, new NodeMetrics());
  }

  /** Registers the job with its dependencies and stores it (durable, recovered after a crash). */
  public void attach(
      JobQueue queue,
      NodeDatabase db,
      SegSender sender,
      ExportSettings settings,
      Map<String, Destination> destinations,
      Clock clock,
      NodeMetrics metrics)
      throws SchedulerException {
    ExportTable table = new ExportTable(db);
    RetryPolicy policy =
        new RetryPolicy(settings.attempts(), settings.initialDelay(), settings.maxDelay());
    ExportRunner runner = new ExportRunner(sender, table, policy, destinations, clock, metrics);
    queue.register(ExportJob.class, () -> new ExportJob(table, runner, this, clock));
    scheduler = queue.scheduler();
    JobDetail job =
        JobBuilder.newJob(ExportJob.class)
            .withIdentity(JOB)
            .storeDurably()
            .requestRecovery()
            .build();
    scheduler.addJob(job, true);
    schedulePoll(scheduler);
  }

  /**
   * Also looks every {@link #POLL} for rows changed by another process ({@code segnode retry}): the
   * one-shot triggers only know the due times this node set itself. Replaces a stored poll trigger.
   */
  private static void schedulePoll(Scheduler s) throws SchedulerException {
    s.unscheduleJob(POLL_TRIGGER);
    try {
      schedulePollTrigger(s);
    } catch (ObjectAlreadyExistsException e) {
      // another node sharing the job store scheduled it between the two calls: one poll is enough
    }
  }

  private static void schedulePollTrigger(Scheduler s) throws SchedulerException {
    s.scheduleJob(
        TriggerBuilder.newTrigger()
            .forJob(JOB)
            .withIdentity(POLL_TRIGGER)
            .startAt(Date.from(Instant.now().plus(POLL)))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(POLL.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build());
  }

  @Override
  public void exportsPending(long jobId, String seriesUid, int run) throws SchedulerException {
    fireAt(Instant.now());
  }

  /** Also called once at start, for exports left PENDING when the node stopped. */
  public void fireNow() throws SchedulerException {
    fireAt(Instant.now());
  }

  /** Runs the export job at {@code when} (now when in the past). */
  void fireAt(Instant when) throws SchedulerException {
    Scheduler s = scheduler;
    if (s == null) {
      throw new SchedulerException("export scheduler expected attached, found not");
    }
    // Each firing gets its own one-shot trigger: Quartz deletes a fired trigger when its job ends,
    // so re-using one name from inside the job could delete the trigger just scheduled.
    String name = "at-" + when.toEpochMilli() + "-" + UUID.randomUUID();
    s.scheduleJob(
        TriggerBuilder.newTrigger()
            .forJob(JOB)
            .withIdentity(name, GROUP)
            .startAt(Date.from(when))
            .build());
  }
}
