package org.segnode.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.config.RoutingRule;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.export.ExportScheduler;
import org.segnode.node.export.SegSender;
import org.segnode.node.http.HttpEndpoint;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.http.NodeState;
import org.segnode.node.purge.PurgeJob;
import org.segnode.node.purge.Purger;
import org.segnode.node.queue.JobQueue;
import org.segnode.node.segment.SeriesSegmenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole node: database, models, job queue (segment, export and purge jobs) and receiver, with
 * completed series going to the queue. Started in that order, so nothing is received before it can
 * be queued and no job runs without its model; stopped in reverse order.
 */
public final class NodeService implements AutoCloseable, NodeState {
  private static final Logger LOG = LoggerFactory.getLogger(NodeService.class);
  // A destination that accepts the connection but never answers must not hold the export thread.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final int DB_CHECK_SECONDS = 2;
  private static final long MB = 1024L * 1024L;

  /** What to close, last started first. */
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  private final NodeMetrics metrics = new NodeMetrics();
  private ReceiverNode receiver;
  private JobQueue queue;
  private NodeDatabase db;
  private NodeConfig config;
  private HttpEndpoint http;
  private volatile boolean closing;

  private NodeService() {}

  /** Starts with the real clock; {@code quartz} as from {@code QuartzSettings.load}. */
  public static NodeService start(NodeConfig config, Properties quartz) throws Exception {
    return start(config, quartz, Clock.systemUTC());
  }

  /** Starts every part; when one fails, those already started are stopped again. */
  public static NodeService start(NodeConfig config, Properties quartz, Clock clock)
      throws Exception {
    NodeService service = new NodeService();
    try {
      service.startParts(config, quartz, clock);
    } catch (Exception | Error e) {
      service.close();
      throw e;
    }
    LOG.info("node started: {} on port {}", config.aeTitle(), service.receiver.port());
    return service;
  }

  private void startParts(NodeConfig config, Properties quartz, Clock clock) throws Exception {
    this.config = config;
    db = NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    started.push(db);
    Path outbox = config.outboxDir();
    List<Path> models = config.routing().stream().map(RoutingRule::modelPath).toList();
    SeriesSegmenter segmenter = SeriesSegmenter.open(config.segment(), models, outbox);
    started.push(segmenter);
    segmenter
        .models()
        .forEach((path, m) -> LOG.info("model {} {} loaded from {}", m.name(), m.version(), path));
    ExportScheduler exports = new ExportScheduler();
    queue = JobQueue.create(config, quartz, db, segmenter, exports, clock, metrics);
    started.push(queue);
    SegSender sender =
        new SegSender(config.aeTitle(), CONNECT_TIMEOUT, READ_TIMEOUT, config.tls().context());
    exports.attach(queue, db, sender, config.export(), config.destinations(), clock, metrics);
    Purger purger =
        new Purger(db, config.spoolDir(), outbox, config.purge().retention(), clock, metrics);
    PurgeJob.attach(queue, purger, config.purge());
    queue.start();
    exports.fireNow();
    receiver = ReceiverNode.start(config, db, clock, queue, metrics);
    started.push(receiver);
    startHttp();
  }

  // --- HTTP (health and metrics); pushed last, so stopped first ---

  private void startHttp() throws java.io.IOException {
    if (config.http().port() == 0) {
      LOG.info("HTTP off (http.port=0)");
      return;
    }
    http = HttpEndpoint.start(config.http().bind(), config.http().port(), metrics, this);
    started.push(http);
  }

  /** The HTTP port, or -1 when HTTP is off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  @Override
  public String notReadyReason() {
    if (closing) {
      return "node stopping";
    }
    if (receiver == null || !receiver.listening()) {
      return "Store SCP not listening";
    }
    if (queue == null || !queue.running()) {
      return "job queue not running";
    }
    String database = databaseProblem();
    return database != null ? database : spoolShortage();
  }

  /** Every C-STORE records its instance before Success: without the database nothing is stored. */
  private String databaseProblem() {
    try {
      return db.withConnection(c -> c.isValid(DB_CHECK_SECONDS)) ? null : "database not answering";
    } catch (java.sql.SQLException e) {
      return "database unreachable: " + e.getMessage();
    }
  }

  /** The Store SCP refuses instances below the watermark, so the node is not ready then. */
  private String spoolShortage() {
    try {
      long free = spoolFreeBytes();
      if (free < config.minFreeBytes()) {
        return String.format(
            "spool below its free-space watermark: %d MB free, spool.min-free-mb=%d",
            free / MB, config.minFreeBytes() / MB);
      }
      return null;
    } catch (java.io.IOException e) {
      return "spool free space unknown: " + e.getMessage();
    }
  }

  @Override
  public long queueDepth() throws java.sql.SQLException {
    return db.withConnection(
        c -> {
          try (var st = c.createStatement();
              var rs =
                  st.executeQuery(
                      "SELECT (SELECT COUNT(*) FROM job WHERE state IN ('QUEUED', 'RUNNING'))"
                          + " + (SELECT COUNT(*) FROM export WHERE state = 'PENDING')")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public long spoolFreeBytes() throws java.io.IOException {
    return Files.getFileStore(config.spoolDir()).getUsableSpace();
  }

  public int port() {
    return receiver.port();
  }

  public ReceiverNode receiver() {
    return receiver;
  }

  public JobQueue queue() {
    return queue;
  }

  /** Stops receiving, then the queue (a running job finishes), the model, the database. */
  @Override
  public void close() throws Exception {
    closing = true;
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        // keep stopping the rest: a half-stopped node would hold the port or the database
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    LOG.info("node stopped");
  }
}
