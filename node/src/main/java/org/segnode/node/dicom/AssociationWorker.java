package org.segnode.node.dicom;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.config.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves one accepted connection: reads the A-ASSOCIATE-RQ itself, rejects a wrong called AE or an
 * unknown calling AE (or host), then lets PixelMed's acceptor negotiate and read P-DATA with our
 * {@link StorePolicy} and {@link DimseHandler}. The socket is always closed fully at the end.
 */
final class AssociationWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AssociationWorker.class);
  private final Socket socket;
  private final NodeConfig config;
  private final StoreService service;
  private final String id;
  private final Optional<AssociateReject> forcedReject;

  AssociationWorker(
      Socket socket, NodeConfig config, StoreService service, String id, AssociateReject forced) {
    this.socket = socket;
    this.config = config;
    this.service = service;
    this.id = id;
    this.forcedReject = Optional.ofNullable(forced);
  }

  @Override
  public void run() {
    MDC.put("assoc", id);
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) config.idleTimeout().toMillis());
      if (socket instanceof SSLSocket ssl && !handshake(ssl)) {
        return;
      }
      AssociateRequest request = AssociateRequest.read(socket.getInputStream());
      MDC.put("callingAe", request.callingAeTitle());
      Optional<AssociateReject> reject = forcedReject.or(() -> check(request));
      if (reject.isPresent()) {
        rejectAndClose(request, reject.get());
      } else {
        serve(request);
      }
    } catch (IOException e) {
      LOG.warn("connection from {} dropped before an association: {}", peer(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("association failed unexpectedly", e);
    } finally {
      MDC.clear();
    }
  }

  /**
   * Handshakes before reading any PDU (bounded by the idle timeout), so a plain-TCP client or a
   * certificate problem is one WARN line naming the peer.
   */
  private boolean handshake(SSLSocket ssl) {
    try {
      ssl.startHandshake();
      SSLSession session = ssl.getSession();
      LOG.debug("TLS {} {} with {}", session.getProtocol(), session.getCipherSuite(), peer());
      return true;
    } catch (IOException e) {
      LOG.warn("TLS handshake with {} failed: {}", peer(), e.getMessage());
      return false;
    }
  }

  private Optional<AssociateReject> check(AssociateRequest request) {
    if (!request.calledAeTitle().equals(config.aeTitle())) {
      return Optional.of(AssociateReject.CALLED_AE_NOT_RECOGNIZED);
    }
    Sender sender = config.senders().get(request.callingAeTitle());
    if (sender == null || !sender.allows(socket.getInetAddress())) {
      return Optional.of(AssociateReject.CALLING_AE_NOT_RECOGNIZED);
    }
    return Optional.empty();
  }

  /** Answers A-ASSOCIATE-RJ, then waits (bounded) for the peer to close before closing. */
  private void rejectAndClose(AssociateRequest request, AssociateReject reject) throws IOException {
    LOG.warn(
        "association rejected: {} (called '{}', calling '{}' from {})",
        reject.text(),
        request.calledAeTitle(),
        request.callingAeTitle(),
        peer());
    reject.writeTo(socket.getOutputStream());
    PduLoop.awaitPeerClose(socket);
  }

  private void serve(AssociateRequest request) throws IOException {
    StorePolicy policy = new StorePolicy(service.sopClasses());
    DimseHandler handler = new DimseHandler(service, request.callingAeTitle(), policy.accepted());
    long start = System.nanoTime();
    try {
      Association association =
          AssociationFactory.createNewAssociation(
              new ReplaySocket(socket, request.pdu()),
              config.aeTitle(),
              config.maxPduBytes(),
              0,
              0,
              policy);
      LOG.info(
          "association open from {}: {} context(s) accepted", peer(), policy.accepted().size());
      new PduLoop(socket, config.maxPduBytes()).run(association, handler);
    } catch (DicomNetworkException | DicomException e) {
      LOG.warn("association aborted: {}", e.getMessage());
    } catch (SocketTimeoutException e) {
      LOG.warn("association aborted: idle for {} s", config.idleTimeout().toSeconds());
    } finally {
      handler.abandon();
      handler.logBatches();
      logClose(handler, System.nanoTime() - start);
    }
  }

  private void logClose(DimseHandler handler, long nanos) {
    double seconds = nanos / 1e9;
    LOG.info(
        "association closed: {} stored, {} duplicate(s), {} refused, {} MB in {} s ({} inst/s)",
        handler.stored(),
        handler.duplicates(),
        handler.refused(),
        String.format("%.1f", handler.dataBytes() / 1e6),
        String.format("%.2f", seconds),
        String.format("%.0f", (handler.stored() + handler.duplicates()) / Math.max(seconds, 1e-3)));
  }

  private String peer() {
    return String.valueOf(socket.getRemoteSocketAddress());
  }
}
