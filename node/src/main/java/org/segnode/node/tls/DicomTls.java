package org.segnode.node.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The node's TLS for DICOM (PS3.15 Annex B secure transport), from our own {@link SSLContext}: TLS
 * 1.3 and 1.2 only, and of the JDK's suites only those with forward secrecy and an AEAD cipher
 * (ECDHE or DHE-RSA with AES-GCM or ChaCha20-Poly1305, and TLS 1.3's own). PixelMed's built-in
 * secure transport instead forces TLS_RSA_WITH_AES_128_CBC_SHA, which dcmtk's default BCP 195
 * profile refuses.
 */
public final class DicomTls {
  /** Whether the Store SCP asks for, or insists on, a client certificate. */
  public enum ClientAuth {
    NONE,
    WANT,
    NEED
  }

  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final SSLContext context;
  private final ClientAuth clientAuth;
  private final String[] suites;

  private DicomTls(SSLContext context, ClientAuth clientAuth) {
    this.context = context;
    this.clientAuth = clientAuth;
    this.suites =
        Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
            .filter(DicomTls::modern)
            .toArray(String[]::new);
  }

  /** {@code keys} may be null (no client certificate), {@code trust} null (the JDK's CAs). */
  public static DicomTls create(KeyManager[] keys, TrustManager[] trust, ClientAuth clientAuth)
      throws java.security.GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, trust, null);
    return new DicomTls(context, clientAuth);
  }

  static boolean modern(String suite) {
    boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    boolean forwardSecret =
        suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_RSA_"); // no DSA keys
    boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
    return tls13 || (forwardSecret && aead);
  }

  public List<String> protocols() {
    return PROTOCOLS;
  }

  public List<String> cipherSuites() {
    return List.of(suites);
  }

  public ClientAuth clientAuth() {
    return clientAuth;
  }

  /** An unbound server socket whose accepted sockets handshake on first read or write. */
  public ServerSocket newServerSocket() throws IOException {
    SSLServerSocket server =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    SSLParameters params = server.getSSLParameters();
    params.setProtocols(PROTOCOLS.toArray(String[]::new));
    params.setCipherSuites(suites);
    params.setNeedClientAuth(clientAuth == ClientAuth.NEED);
    if (clientAuth == ClientAuth.WANT) {
      params.setWantClientAuth(true);
    }
    server.setSSLParameters(params);
    return server;
  }

  /**
   * Connects and completes the handshake, so no DICOM byte leaves before the server's certificate
   * chain was checked against the truststore and its name against {@code host} (a DNS or IP subject
   * alternative name).
   */
  public SSLSocket connect(String host, int port, int timeoutMillis) throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(host, port), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters params = ssl.getSSLParameters();
      params.setProtocols(PROTOCOLS.toArray(String[]::new));
      params.setCipherSuites(suites);
      params.setEndpointIdentificationAlgorithm("HTTPS");
      boolean ipLiteral = host.matches("[0-9.]+") || host.contains(":");
      if (!ipLiteral) { // SNI carries names only
        params.setServerNames(List.of(new SNIHostName(host)));
      }
      ssl.setSSLParameters(params);
      ssl.startHandshake();
      return ssl;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }
}
