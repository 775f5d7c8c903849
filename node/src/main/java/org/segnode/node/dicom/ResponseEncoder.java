package org.segnode.node.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes C-STORE-RSP and C-ECHO-RSP command sets (PS3.7 9.3.1.2, 9.3.5.2) in Implicit VR Little
 * Endian. Written here rather than with PixelMed's response classes because those cannot carry an
 * Error Comment (0000,0902).
 */
final class ResponseEncoder {
  private static final int C_STORE_RSP = 0x8001;
  private static final int C_ECHO_RSP = 0x8030;
  private static final int NO_DATA_SET = 0x0101;

  private ResponseEncoder() {}

  static byte[] storeResponse(
      String sopClassUid, String sopInstanceUid, int messageId, DimseStatus.Response response) {
    return encode(C_STORE_RSP, sopClassUid, sopInstanceUid, messageId, response);
  }

  static byte[] echoResponse(String sopClassUid, int messageId) {
    return encode(C_ECHO_RSP, sopClassUid, null, messageId, DimseStatus.Response.OK);
  }

  private static byte[] encode(
      int command, String sopClass, String sopInstance, int messageId, DimseStatus.Response rsp) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    text(body, 0x0002, sopClass, (byte) 0);
    unsignedShort(body, 0x0100, command);
    unsignedShort(body, 0x0120, messageId);
    unsignedShort(body, 0x0800, NO_DATA_SET);
    unsignedShort(body, 0x0900, rsp.status());
    if (rsp.comment() != null) {
      text(body, 0x0902, rsp.comment(), (byte) ' ');
    }
    if (sopInstance != null) {
      text(body, 0x1000, sopInstance, (byte) 0);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    header(all, 0x0000, 4);
    int32(all, body.size());
    all.writeBytes(body.toByteArray());
    return all.toByteArray();
  }

  /** UI values are padded with NUL, LO values with a space, to an even length. */
  private static void text(ByteArrayOutputStream out, int element, String value, byte pad) {
    byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.US_ASCII);
    int length = bytes.length + (bytes.length % 2);
    header(out, element, length);
    out.writeBytes(bytes);
    if (length > bytes.length) {
      out.write(pad);
    }
  }

  private static void unsignedShort(ByteArrayOutputStream out, int element, int value) {
    header(out, element, 2);
    out.write(value & 0xFF);
    out.write((value >>> 8) & 0xFF);
  }

  /** Group 0000, the element number, and a 32-bit length (implicit VR). */
  private static void header(ByteArrayOutputStream out, int element, int length) {
    out.write(0);
    out.write(0);
    out.write(element & 0xFF);
    out.write((element >>> 8) & 0xFF);
    int32(out, length);
  }

  private static void int32(ByteArrayOutputStream out, int value) {
    for (int shift = 0; shift < 32; shift += 8) {
      out.write((value >>> shift) & 0xFF);
    }
  }
}
