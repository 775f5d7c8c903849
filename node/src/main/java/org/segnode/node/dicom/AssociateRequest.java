package org.segnode.node.dicom;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The A-ASSOCIATE-RQ PDU as read off the socket (PS3.8 9.3.2), kept whole so it can be handed to
 * PixelMed after our own checks; only the two AE titles are decoded here.
 */
record AssociateRequest(byte[] pdu, String calledAeTitle, String callingAeTitle) {
  private static final int TYPE_ASSOCIATE_RQ = 0x01;

  /** A request carrying even a few hundred presentation contexts stays far below this. */
  private static final int MAX_LENGTH = 1 << 20;

  /** Reads one PDU; anything but a plausible A-ASSOCIATE-RQ is an {@link IOException}. */
  static AssociateRequest read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int type = data.readUnsignedByte();
    data.readUnsignedByte();
    long length = data.readInt() & 0xFFFFFFFFL;
    if (type != TYPE_ASSOCIATE_RQ) {
      throw new IOException(
          String.format("expected an A-ASSOCIATE-RQ PDU (type 0x01), found type 0x%02X", type));
    }
    if (length < 68 || length > MAX_LENGTH) {
      throw new IOException(
          "expected an A-ASSOCIATE-RQ of 68.." + MAX_LENGTH + " bytes, found " + length);
    }
    byte[] pdu = new byte[6 + (int) length];
    pdu[0] = (byte) type;
    for (int i = 0; i < 4; i++) {
      pdu[2 + i] = (byte) (length >>> (24 - 8 * i));
    }
    data.readFully(pdu, 6, (int) length);
    return new AssociateRequest(pdu, title(pdu, 10), title(pdu, 26));
  }

  /** AE title fields are 16 bytes, space padded; leading and trailing spaces are insignificant. */
  private static String title(byte[] pdu, int offset) {
    return new String(pdu, offset, 16, StandardCharsets.US_ASCII).trim();
  }
}
