package org.segnode.node.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one plain-TCP DICOM association over our TLS socket. PixelMed's initiator opens its own
 * socket and, with its secure-transport flag, forces a cipher suite modern peers refuse; it takes
 * no socket or factory from us. So it connects to this one-connection listener on 127.0.0.1
 * instead, and the bytes are copied both ways to the TLS socket, whose handshake (certificate and
 * host name checked) is already done. The listener accepts exactly one connection, only from a
 * socket of our own user ({@link LoopbackPeer}), and closes; when either side ends, both close.
 */
public final class TlsRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsRelay.class);

  private final SSLSocket remote;
  private final ServerSocket listener;
  private volatile Socket local;

  private TlsRelay(SSLSocket remote, ServerSocket listener) {
    this.remote = remote;
    this.listener = listener;
  }

  /**
   * Connects and handshakes with {@code host}:{@code port}, then listens on a free loopback port
   * for {@code timeoutMillis} at most.
   */
  public static TlsRelay open(DicomTls tls, String host, int port, int timeoutMillis)
      throws IOException {
    SSLSocket remote = tls.connect(host, port, timeoutMillis);
    try {
      // PixelMed's socket carries the read timeout; this side waits as long as that one does.
      remote.setSoTimeout(0);
      ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
      listener.setSoTimeout(timeoutMillis);
      TlsRelay relay = new TlsRelay(remote, listener);
      Thread accept = new Thread(relay::acceptAndPump, "export-tls-relay");
      accept.setDaemon(true);
      accept.start();
      return relay;
    } catch (IOException | RuntimeException e) {
      remote.close();
      throw e;
    }
  }

  /** The loopback port PixelMed connects to. */
  public int port() {
    return listener.getLocalPort();
  }

  private void acceptAndPump() {
    try (listener) {
      Socket socket = listener.accept();
      local = socket;
      socket.setTcpNoDelay(true);
      if (!LoopbackPeer.isOwnUser(socket)) {
        LOG.warn("TLS relay: connection from {} is not this process's user, closed", socket);
        close();
        return;
      }
    } catch (SocketTimeoutException e) {
      LOG.warn("TLS relay: no association within the connect timeout, closed");
      close();
      return;
    } catch (IOException e) {
      LOG.debug("TLS relay: accept ended: {}", e.getMessage());
      close();
      return;
    }
    Thread back = new Thread(() -> pump(remote, local), "export-tls-in");
    back.setDaemon(true);
    back.start();
    pump(local, remote);
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("TLS relay: copy ended: {}", e.getMessage());
    } finally {
      close();
    }
  }

  /** Closes the listener and both sockets; idempotent. */
  @Override
  public void close() {
    closeQuietly(listener);
    closeQuietly(local);
    closeQuietly(remote);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("TLS relay: close failed: {}", e.getMessage());
    }
  }
}
