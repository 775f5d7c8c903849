package org.segnode.node.export;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CEchoRequestCommandMessage;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.segnode.node.config.Destination;
import org.segnode.node.tls.DicomTls;
import org.segnode.node.tls.TlsRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one DICOM file to a destination by C-STORE, one association per file, with PixelMed's
 * public {@link Association} API.
 *
 * <p>PixelMed's initiator (20220618) opens its own {@code new Socket(host, port)}: there is no
 * overload taking our socket, no connect timeout and no TCP_NODELAY. So (1) the association request
 * runs on a connector thread bounded by the connect timeout, and (2) right after A-ASSOCIATE-AC,
 * before any P-DATA, TCP_NODELAY and the read timeout are set on the socket read from {@code
 * Association.socket}, a protected field of PixelMed's API. Negotiation itself is one write and one
 * read, which Nagle does not delay; the command-then-data writes of a C-STORE are what it slows
 * down (32-49 instead of 240-450 instances/s measured here).
 *
 * <p>A destination with {@code tls=true} is reached through a {@link TlsRelay}: our TLS socket to
 * the destination, and PixelMed's plain socket to the relay on loopback.
 */
public final class SegSender {
  private static final Logger LOG = LoggerFactory.getLogger(SegSender.class);
  private static final String EXPLICIT_LE = TransferSyntax.ExplicitVRLittleEndian;
  private static final String IMPLICIT_LE = TransferSyntax.ImplicitVRLittleEndian;
  private static final String VERIFICATION = "1.2.840.10008.1.1";
  private static final Field SOCKET = socketField();

  /** Daemon threads: a connect the OS has not given up on yet must not keep the JVM alive. */
  private static final Executor CONNECTOR =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "export-connect");
            t.setDaemon(true);
            return t;
          });

  private final String callingAe;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final boolean tcpNoDelay;
  private final DicomTls tls;
  private volatile Consumer<Socket> socketObserver = socket -> {};

  /** A sender for plain-TCP destinations only. */
  public SegSender(String callingAe, Duration connectTimeout, Duration readTimeout) {
    this(callingAe, connectTimeout, readTimeout, null);
  }

  /** {@code tls} (may be null) serves the destinations with {@code tls=true}. */
  public SegSender(String callingAe, Duration connectTimeout, Duration readTimeout, DicomTls tls) {
    this(callingAe, connectTimeout, readTimeout, true, tls);
  }

  /** {@code tcpNoDelay} false exists only for the benchmark that shows why it is on. */
  SegSender(String callingAe, Duration connectTimeout, Duration readTimeout, boolean tcpNoDelay) {
    this(callingAe, connectTimeout, readTimeout, tcpNoDelay, null);
  }

  private SegSender(
      String callingAe,
      Duration connectTimeout,
      Duration readTimeout,
      boolean tcpNoDelay,
      DicomTls tls) {
    this.callingAe = callingAe;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.tcpNoDelay = tcpNoDelay;
    this.tls = tls;
  }

  /** Test seam: sees each association's socket once its options are set, before P-DATA. */
  void observeSockets(Consumer<Socket> observer) {
    this.socketObserver = observer;
  }

  /**
   * Sends {@code file} and returns the C-STORE-RSP status (Success 0x0000 or a warning).
   *
   * @throws ExportException with a one-line reason for any other status or a network failure
   */
  public int send(java.nio.file.Path file, Destination destination) throws ExportException {
    DicomFile dicom = DicomFile.read(file);
    Association association = open(destination, contexts(dicom));
    boolean released = false;
    try {
      int status = store(association, dicom, destination);
      association.release();
      released = true;
      return status;
    } catch (AReleaseException e) {
      throw new ExportException(
          where(destination) + " released the association before answering C-STORE", e);
    } catch (DicomNetworkException | IOException | DicomException e) {
      throw failure(e, destination);
    } finally {
      if (!released) {
        abortQuietly(association);
      }
      closeQuietly(association);
    }
  }

  /**
   * Sends one C-ECHO over a TCP_NODELAY association (same connect and read timeouts as exports).
   *
   * @throws ExportException with a one-line reason unless the destination answers Success
   */
  public void echo(Destination destination) throws ExportException {
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    contexts.add(new PresentationContext((byte) 1, VERIFICATION, IMPLICIT_LE));
    Association association = open(destination, contexts);
    boolean released = false;
    try {
      StoreResponseHandler response = new StoreResponseHandler();
      association.setReceivedDataHandler(response);
      byte context = association.getSuitablePresentationContextID(VERIFICATION);
      association.send(context, new CEchoRequestCommandMessage().getBytes(), null);
      association.waitForCommandPDataPDUs();
      association.release();
      released = true;
      if (response.getStatus() != 0) {
        throw new ExportException(
            String.format(
                "%s answered C-ECHO with status 0x%04X (expected Success 0x0000)",
                where(destination), response.getStatus()));
      }
    } catch (AReleaseException e) {
      throw new ExportException(where(destination) + " released the association before C-ECHO-RSP");
    } catch (DicomNetworkException | IOException | DicomException e) {
      throw failure(e, destination);
    } finally {
      if (!released) {
        abortQuietly(association);
      }
      closeQuietly(association);
    }
  }

  /** One context per transfer syntax, so the destination can accept the file's own one. */
  private static LinkedList<PresentationContext> contexts(DicomFile dicom) {
    LinkedList<PresentationContext> contexts = new LinkedList<>();
    byte id = 1;
    for (String syntax :
        new LinkedList<>(List.of(dicom.transferSyntaxUid(), EXPLICIT_LE, IMPLICIT_LE))) {
      boolean seen = contexts.stream().anyMatch(c -> c.getTransferSyntaxUIDs().contains(syntax));
      if (!seen) {
        contexts.add(new PresentationContext(id, dicom.sopClassUid(), syntax));
        id += 2;
      }
    }
    return contexts;
  }

  private Association open(Destination d, LinkedList<PresentationContext> contexts)
      throws ExportException {
    CompletableFuture<Association> request =
        CompletableFuture.supplyAsync(() -> associate(d, contexts), CONNECTOR);
    try {
      Association association = request.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
      configureSocket(association);
      return association;
    } catch (TimeoutException e) {
      // The connector thread may still succeed later; that association must not linger.
      request.thenAccept(SegSender::abortQuietly);
      throw new ExportException(
          where(d) + " did not accept an association within " + connectTimeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw failure(e.getCause() instanceof Wrapped w ? w.getCause() : e.getCause(), d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.thenAccept(SegSender::abortQuietly);
      throw new ExportException("interrupted while associating with " + where(d));
    }
  }

  private Association associate(Destination d, LinkedList<PresentationContext> contexts) {
    if (d.tls()) {
      return associateOverTls(d, contexts);
    }
    try {
      return AssociationFactory.createNewAssociation(
          d.host(), d.port(), d.aeTitle(), callingAe, contexts, null, false);
    } catch (DicomNetworkException | IOException e) {
      throw new Wrapped(e);
    }
  }

  /** PixelMed speaks plain TCP to a {@link TlsRelay}; closing its socket closes the relay. */
  private Association associateOverTls(Destination d, LinkedList<PresentationContext> contexts) {
    if (tls == null) {
      throw new Wrapped(
          new ExportException(
              "destination " + d.name() + ": expected TLS settings (tls=true), found none"));
    }
    TlsRelay relay = null;
    try {
      relay = TlsRelay.open(tls, d.host(), d.port(), (int) connectTimeout.toMillis());
      return AssociationFactory.createNewAssociation(
          "127.0.0.1", relay.port(), d.aeTitle(), callingAe, contexts, null, false);
    } catch (DicomNetworkException | IOException e) {
      if (relay != null) {
        relay.close();
      }
      throw new Wrapped(e);
    }
  }

  private void configureSocket(Association association) throws ExportException {
    try {
      Socket socket = (Socket) SOCKET.get(association);
      socket.setTcpNoDelay(tcpNoDelay);
      socket.setSoTimeout((int) readTimeout.toMillis());
      socketObserver.accept(socket);
    } catch (IOException | IllegalAccessException e) {
      abortQuietly(association);
      closeQuietly(association);
      throw new ExportException("cannot set socket options: " + e.getMessage(), e);
    }
  }

  private static int store(Association association, DicomFile dicom, Destination d)
      throws DicomNetworkException,
          AReleaseException,
          IOException,
          DicomException,
          ExportException {
    byte context = chooseContext(association, dicom, d);
    String syntax = association.getTransferSyntaxForPresentationContextID(context);
    StoreResponseHandler response = new StoreResponseHandler();
    association.setReceivedDataHandler(response);
    byte[] command =
        new CStoreRequestCommandMessage(dicom.sopClassUid(), dicom.sopInstanceUid()).getBytes();
    association.send(context, command, null);
    try (OutputStream out = association.getAssociationOutputStream(context)) {
      writeDataSet(dicom, syntax, out);
    }
    association.waitForCommandPDataPDUs();
    int status = response.getStatus();
    if (!StoreResponseHandler.isSuccessOrWarning(status)) {
      throw new ExportException(
          String.format(
              "%s answered C-STORE with status 0x%04X (expected Success or Warning)%s",
              where(d), status, comment(response.errorComment())));
    }
    LOG.info("C-STORE to {} status 0x{}", where(d), String.format("%04X", status));
    return status;
  }

  private static byte chooseContext(Association association, DicomFile dicom, Destination d)
      throws ExportException {
    try {
      return association.getSuitablePresentationContextID(
          dicom.sopClassUid(), dicom.transferSyntaxUid());
    } catch (DicomNetworkException own) {
      try {
        return association.getSuitablePresentationContextID(dicom.sopClassUid());
      } catch (DicomNetworkException none) {
        throw new ExportException(
            where(d) + " accepted no presentation context for SOP class " + dicom.sopClassUid());
      }
    }
  }

  /** The file's own encoding goes out byte for byte; only uncompressed ones are converted. */
  private static void writeDataSet(DicomFile dicom, String syntax, OutputStream out)
      throws IOException, DicomException, ExportException {
    if (syntax.equals(dicom.transferSyntaxUid())) {
      try (InputStream in = Files.newInputStream(dicom.path())) {
        in.skipNBytes(dicom.dataOffset());
        in.transferTo(out);
      }
      return;
    }
    if (!new TransferSyntax(dicom.transferSyntaxUid()).isNotEncapsulated()) {
      throw new ExportException(
          "expected the destination to accept transfer syntax "
              + dicom.transferSyntaxUid()
              + ", found only "
              + syntax);
    }
    AttributeList list = new AttributeList();
    list.read(dicom.path().toFile());
    list.removeMetaInformationHeaderAttributes();
    list.write(new DicomOutputStream(out, null, syntax));
  }

  private static ExportException failure(Throwable e, Destination d) {
    if (e instanceof ExportException export) {
      return export;
    }
    String message = String.valueOf(e.getMessage()).replace('\n', ' ').trim();
    // PixelMed reports a refused connect as an A-P-ABORT naming the ConnectException.
    if (e instanceof ConnectException || message.contains(ConnectException.class.getName())) {
      return new ExportException("destination PACS " + hostPort(d) + " refused the connection", e);
    }
    if (e instanceof SSLException) {
      return new ExportException("TLS with " + where(d) + " failed: " + message, e);
    }
    if (e instanceof UnknownHostException) {
      return new ExportException("destination host " + d.host() + " is unknown", e);
    }
    if (e instanceof SocketTimeoutException) {
      return new ExportException(where(d) + " sent no answer within the read timeout", e);
    }
    if (message.startsWith("A-ASSOCIATE-RJ")) {
      String reason = message.substring(message.indexOf('-', "A-ASSOCIATE-RJ".length()) + 1);
      return new ExportException("association rejected by " + where(d) + ": " + reason.trim(), e);
    }
    return new ExportException("export to " + where(d) + " failed: " + message, e);
  }

  private static String comment(String errorComment) {
    return errorComment.isBlank() ? "" : ": " + errorComment.trim();
  }

  private static String where(Destination d) {
    return d.aeTitle() + "@" + hostPort(d);
  }

  private static String hostPort(Destination d) {
    return d.host() + ":" + d.port();
  }

  private static void abortQuietly(Association association) {
    try {
      association.abort();
    } catch (DicomNetworkException | RuntimeException e) {
      LOG.debug("abort after failure did not complete: {}", e.getMessage());
    }
  }

  /**
   * PixelMed half-closes after release; the socket is ours to close so descriptors do not pile up.
   */
  private static void closeQuietly(Association association) {
    try {
      ((Socket) SOCKET.get(association)).close();
    } catch (IOException | IllegalAccessException | RuntimeException e) {
      LOG.debug("closing the export socket failed: {}", e.getMessage());
    }
  }

  private static Field socketField() {
    try {
      Field field = Association.class.getDeclaredField("socket");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("expected PixelMed's Association.socket, found none", e);
    }
  }

  /** Carries a checked exception out of the connector thread. */
  private static final class Wrapped extends RuntimeException {
    Wrapped(Exception cause) {
      super(cause);
    }
  }
}
