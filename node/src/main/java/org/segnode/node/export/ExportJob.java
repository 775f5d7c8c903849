package org.segnode.node.export;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every due PENDING export once with the {@link ExportRunner}, then asks the {@link
 * ExportScheduler} to fire again when the soonest export still PENDING is due. One durable Quartz
 * job serves all exports: the {@code export} rows are the queue, the job only decides when to look.
 * Never two at once, so one export is not attempted twice in parallel.
 */
@DisallowConcurrentExecution
public final class ExportJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(ExportJob.class);

  private final ExportTable table;
  private final ExportRunner runner;
  private final ExportScheduler scheduler;
  private final Clock clock;

  ExportJob(ExportTable table, ExportRunner runner, ExportScheduler scheduler, Clock clock) {
    this.table = table;
    this.runner = runner;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      runDue();
      if (ExportScheduler.POLL_TRIGGER.equals(context.getTrigger().getKey())) {
        return; // the one-shot chain keeps its own due times; a poll only catches outside changes
      }
      Optional<Instant> next = table.pending().stream().map(ExportRow::nextAttempt).findFirst();
      if (next.isPresent()) {
        scheduler.fireAt(next.get());
      }
    } catch (SQLException | SchedulerException e) {
      // the rows stay PENDING; the next nudge or the next start picks them up
      throw new JobExecutionException("export job: " + e.getMessage(), e, false);
    }
  }

  /** Attempts each export due now; one failing export does not hold up the others. */
  private void runDue() throws SQLException {
    Instant now = clock.instant();
    List<ExportRow> due =
        table.pending().stream()
            .filter(r -> r.nextAttempt() == null || !r.nextAttempt().isAfter(now))
            .toList();
    for (ExportRow row : due) {
      runner.run(row);
    }
    if (!due.isEmpty()) {
      LOG.debug("{} export(s) attempted", due.size());
    }
  }
}
