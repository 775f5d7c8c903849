package org.segnode.node.dicom;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.segnode.node.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Storage SCP's own accept loop: binds the configured address only, sets TCP_NODELAY on every
 * accepted socket (without it a sender stalls on Nagle's algorithm at about 20 instances per
 * second), and serves at most {@code associations.max} associations at once. A connection beyond
 * the limit is still read and answered with a transient A-ASSOCIATE-RJ (local limit exceeded) on
 * its own short-lived thread, bounded by the rejection's timeouts. With {@code ae.tls=true} the
 * socket is an SSL server socket from {@link org.segnode.node.tls.DicomTls}; accepting does not
 * handshake, so a slow or non-TLS client costs only its own association thread.
 */
public final class StoreScp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreScp.class);
  private static final int BACKLOG = 64;

  private final NodeConfig config;
  private final StoreService service;
  private final ServerSocket server;
  private final Semaphore permits;
  private final ExecutorService workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong counter = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closing;

  private StoreScp(NodeConfig config, StoreService service, ServerSocket server) {
    this.config = config;
    this.service = service;
    this.server = server;
    this.permits = new Semaphore(config.maxAssociations());
    this.workers = Executors.newCachedThreadPool(r -> new Thread(r, "segnode-association"));
    this.acceptor = new Thread(this::acceptLoop, "segnode-accept");
  }

  /** Binds {@code ae.bind}:{@code ae.port} (port 0 picks a free one) and starts accepting. */
  public static StoreScp start(NodeConfig config, StoreService service) throws IOException {
    boolean tls = config.tls().scp();
    ServerSocket server = tls ? config.tls().context().newServerSocket() : new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(config.bindAddress(), config.port()), BACKLOG);
    } catch (IOException e) {
      server.close();
      throw new IOException(
          "cannot listen on "
              + config.bindAddress().getHostAddress()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e);
    }
    StoreScp scp = new StoreScp(config, service, server);
    scp.acceptor.start();
    LOG.info(
        "listening as {} on {}:{}{}",
        config.aeTitle(),
        config.bindAddress().getHostAddress(),
        scp.port(),
        tls ? " with TLS" : "");
    return scp;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** True while the socket is bound and the acceptor runs (for the readiness check). */
  public boolean listening() {
    return !closing && !server.isClosed() && acceptor.isAlive();
  }

  private void acceptLoop() {
    while (!closing) {
      try {
        dispatch(server.accept());
      } catch (SocketException e) {
        if (!closing) {
          LOG.error("accept failed, no longer listening: {}", e.getMessage());
        }
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("accept failed: {}", e.toString());
      }
    }
  }

  private void dispatch(Socket socket) {
    String id = "A" + counter.incrementAndGet();
    boolean admitted = permits.tryAcquire();
    AssociateReject forced = admitted ? null : AssociateReject.LOCAL_LIMIT_EXCEEDED;
    open.add(socket);
    AssociationWorker worker = new AssociationWorker(socket, config, service, id, forced);
    workers.execute(
        () -> {
          try {
            worker.run();
          } finally {
            open.remove(socket);
            if (admitted) {
              permits.release();
            }
          }
        });
  }

  /** Associations being served now. */
  public int activeAssociations() {
    return config.maxAssociations() - permits.availablePermits();
  }

  /** Stops accepting, closes every open connection, and waits (bounded) for the workers. */
  @Override
  public void close() throws IOException {
    closing = true;
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("association threads still running 10 s after stop");
      }
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("stopped listening on port {}", server.getLocalPort());
  }
}
