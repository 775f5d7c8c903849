package org.segnode.node.purge;

import java.sql.SQLException;
import java.util.Date;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.segnode.node.config.PurgeSettings;
import org.segnode.node.queue.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurring Quartz job that runs the {@link Purger}: durable, stored with the other jobs,
 * rescheduled at each start to run at once and then every {@code purge.interval-minutes}.
 */
@DisallowConcurrentExecution
public final class PurgeJob implements Job {
  static final JobKey JOB = new JobKey("purge", "purge");
  static final TriggerKey TRIGGER = new TriggerKey("every-interval", "purge");
  private static final Logger LOG = LoggerFactory.getLogger(PurgeJob.class);

  private final Purger purger;

  PurgeJob(Purger purger) {
    this.purger = purger;
  }

  /**
   * Registers the job with {@code queue} and (re)schedules it; with retention 0 removes it, so a
   * stored trigger of an earlier configuration does not keep purging.
   */
  public static void attach(JobQueue queue, Purger purger, PurgeSettings settings)
      throws SchedulerException {
    queue.register(PurgeJob.class, () -> new PurgeJob(purger));
    Scheduler scheduler = queue.scheduler();
    if (!settings.enabled()) {
      scheduler.deleteJob(JOB);
      LOG.info("purge off (purge.retention-days=0)");
      return;
    }
    scheduler.addJob(
        JobBuilder.newJob(PurgeJob.class).withIdentity(JOB).storeDurably().build(), true);
    scheduler.unscheduleJob(TRIGGER);
    scheduler.scheduleJob(
        TriggerBuilder.newTrigger()
            .forJob(JOB)
            .withIdentity(TRIGGER)
            .startAt(new Date())
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(settings.interval().toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build());
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      int purged = purger.purge();
      if (purged > 0) {
        LOG.info("purge removed {} finished series run(s)", purged);
      }
    } catch (SQLException e) {
      // the next firing tries again; Quartz logs the failure
      throw new JobExecutionException("purge: " + e.getMessage(), e, false);
    }
  }
}
