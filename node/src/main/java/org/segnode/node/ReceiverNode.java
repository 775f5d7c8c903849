package org.segnode.node;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.dicom.SpoolRecovery;
import org.segnode.node.dicom.StoreScp;
import org.segnode.node.dicom.StoreService;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.series.SeriesCompletionListener;
import org.segnode.node.series.SeriesTracker;
import org.segnode.node.spool.Spool;
import org.segnode.node.spool.SpoolOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of the node, wired together: database, spool, series tracker (polled every
 * {@value #POLL_MILLIS} ms) and the Storage SCP. Completed series go to the given listener (the job
 * queue in {@link NodeService}).
 */
public final class ReceiverNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverNode.class);
  static final long POLL_MILLIS = 250;

  private final NodeDatabase db;
  private final SeriesTracker tracker;
  private final StoreScp scp;
  private final ScheduledExecutorService poller;
  private final boolean ownsDb;

  private ReceiverNode(
      NodeDatabase db,
      SeriesTracker tracker,
      StoreScp scp,
      ScheduledExecutorService poller,
      boolean ownsDb) {
    this.db = db;
    this.tracker = tracker;
    this.scp = scp;
    this.poller = poller;
    this.ownsDb = ownsDb;
  }

  /** Starts with an injected clock (tests advance it) and spool file opener (tests fail it). */
  public static ReceiverNode start(
      NodeConfig config, Clock clock, SeriesCompletionListener listener, SpoolOutput.Opener opener)
      throws IOException, SQLException {
    NodeDatabase db = NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    try {
      return start(config, db, true, clock, listener, opener, new NodeMetrics());
    } catch (IOException | SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Starts on a database the caller opened and closes (the node service shares it with the job
   * queue, since an embedded H2 file is best opened once per process), counting received, duplicate
   * and refused instances in {@code metrics}.
   */
  public static ReceiverNode start(
      NodeConfig config,
      NodeDatabase db,
      Clock clock,
      SeriesCompletionListener listener,
      NodeMetrics metrics)
      throws IOException, SQLException {
    return start(config, db, false, clock, listener, SpoolOutput::open, metrics);
  }

  private static ReceiverNode start(
      NodeConfig config,
      NodeDatabase db,
      boolean ownsDb,
      Clock clock,
      SeriesCompletionListener listener,
      SpoolOutput.Opener opener,
      NodeMetrics metrics)
      throws IOException, SQLException {
    Spool spool = Spool.open(config.spoolDir(), config.minFreeBytes(), opener);
    SeriesTracker tracker = SeriesTracker.start(clock, config.seriesInactivity(), db, listener);
    SpoolRecovery.run(spool, db, tracker);
    StoreService service =
        new StoreService(
            spool, db, tracker, config.storageSopClasses(), config.aeTitle(), clock, metrics);
    StoreScp scp = StoreScp.start(config, service);
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "segnode-series"));
    poller.scheduleWithFixedDelay(tracker::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    return new ReceiverNode(db, tracker, scp, poller, ownsDb);
  }

  public int port() {
    return scp.port();
  }

  /** True while the Store SCP accepts associations. */
  public boolean listening() {
    return scp.listening();
  }

  public NodeDatabase database() {
    return db;
  }

  public SeriesTracker tracker() {
    return tracker;
  }

  /** Stops receiving first, then the tracker, then closes the database when it opened it. */
  @Override
  public void close() throws IOException, SQLException {
    try {
      scp.close();
    } finally {
      poller.shutdownNow();
      try {
        poller.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (ownsDb) {
        db.close();
      }
      LOG.info("receiver stopped");
    }
  }
}
