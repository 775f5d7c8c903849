package org.segnode.imaging.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * UIDs derived from a seed, under the "2.25" root for UUID-based UIDs (PS3.5 B.2). The same seed
 * and role always give the same UID, so a series segmented twice by the same run produces the same
 * SEG instance and a receiver can recognise the repeat instead of storing a second object.
 */
public final class StableUids {
  private StableUids() {}

  public static String of(String seed, String role) {
    UUID uuid = UUID.nameUUIDFromBytes((seed + "|" + role).getBytes(StandardCharsets.UTF_8));
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, bytes.array());
  }
}
