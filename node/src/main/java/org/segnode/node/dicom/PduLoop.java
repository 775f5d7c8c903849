package org.segnode.node.dicom;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PDUs of an established association (PS3.8 9.3): P-DATA goes to the handler through
 * PixelMed's {@link PDataPDU}; A-RELEASE-RQ is answered at once and the connection closed. Done
 * here rather than by PixelMed's read loop, which holds the connection (and its association slot)
 * for a fixed five seconds after every release before closing.
 */
final class PduLoop {
  private static final Logger LOG = LoggerFactory.getLogger(PduLoop.class);
  private static final int P_DATA_TF = 0x04;
  private static final int A_RELEASE_RQ = 0x05;
  private static final int A_ABORT = 0x07;
  private static final byte[] RELEASE_RP = {0x06, 0, 0, 0, 0, 4, 0, 0, 0, 0};

  /** A-ABORT from the service provider, reason unexpected PDU (PS3.8 Table 9-26). */
  private static final byte[] ABORT_UNEXPECTED_PDU = {0x07, 0, 0, 0, 0, 4, 0, 0, 2, 2};

  private static final int CLOSE_WAIT_MS = 1000;

  private final Socket socket;
  private final int maxPduBytes;

  PduLoop(Socket socket, int maxPduBytes) {
    this.socket = socket;
    this.maxPduBytes = maxPduBytes;
  }

  /** Serves until the peer releases or aborts; a protocol error aborts and throws. */
  void run(Association association, DimseHandler handler)
      throws IOException, DicomNetworkException, DicomException {
    // Buffered: a PDU header would otherwise cost three reads from the socket.
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    while (true) {
      int type = in.readUnsignedByte();
      in.readUnsignedByte();
      long length = in.readInt() & 0xFFFFFFFFL;
      // The peer must respect the maximum we announced; a PDU header may add a few bytes.
      if (length > maxPduBytes + 6L) {
        abort("PDU of " + length + " bytes, expected at most " + maxPduBytes);
      }
      byte[] pdu = new byte[6 + (int) length];
      pdu[0] = (byte) type;
      for (int i = 0; i < 4; i++) {
        pdu[2 + i] = (byte) (length >>> (24 - 8 * i));
      }
      in.readFully(pdu, 6, (int) length);
      if (type == P_DATA_TF) {
        handler.sendPDataIndication(new PDataPDU(pdu), association);
      } else if (type == A_RELEASE_RQ) {
        release();
        return;
      } else if (type == A_ABORT) {
        LOG.warn("association aborted by the peer");
        return;
      } else {
        abort(String.format("unexpected PDU type 0x%02X", type));
      }
    }
  }

  private void release() throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(RELEASE_RP);
    out.flush();
    LOG.debug("released by the peer");
    awaitPeerClose(socket);
  }

  private void abort(String why) throws IOException, DicomNetworkException {
    OutputStream out = socket.getOutputStream();
    out.write(ABORT_UNEXPECTED_PDU);
    out.flush();
    throw new DicomNetworkException(why);
  }

  /**
   * After the last PDU the requestor closes the connection (PS3.8 7.2); we stop sending and give it
   * a bounded moment to do so, then the caller closes our end in any case.
   */
  static void awaitPeerClose(Socket socket) throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout(CLOSE_WAIT_MS);
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // discard whatever the peer still sends until it closes
      }
    } catch (SocketTimeoutException e) {
      LOG.debug("peer did not close within {} ms", CLOSE_WAIT_MS);
    }
  }
}
