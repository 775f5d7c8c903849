package org.segnode.imaging.dicom;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Which transfer syntaxes SegNode can decode, as measured on the project's dicom-samples with
 * Debian's PixelMed 20220618: native and deflated encodings, RLE and JPEG baseline need only
 * pixelmed.jar; JPEG lossless (process 14) needs pixelmed_imageio.jar; JPEG 2000 needs
 * jai-imageio-jpeg2000. Anything else is refused up front, before PixelMed tries and fails with a
 * less helpful message.
 */
final class TransferSyntaxes {
  static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

  private static final Set<String> ENCAPSULATED_SUPPORTED =
      Set.of(
          "1.2.840.10008.1.2.5", // RLE Lossless
          "1.2.840.10008.1.2.4.50", // JPEG Baseline (Process 1)
          "1.2.840.10008.1.2.4.70", // JPEG Lossless, first-order prediction
          "1.2.840.10008.1.2.4.90", // JPEG 2000 lossless only
          "1.2.840.10008.1.2.4.91"); // JPEG 2000

  private static final Set<String> NATIVE =
      Set.of(IMPLICIT_LE, EXPLICIT_LE, "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2");

  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry(IMPLICIT_LE, "Implicit VR Little Endian"),
          Map.entry(EXPLICIT_LE, "Explicit VR Little Endian"),
          Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
          Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
          Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"),
          Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
          Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
          Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
          Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction"),
          Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
          Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
          Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)"),
          Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
          Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
          Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
          Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
          Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL (Lossless)"),
          Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"));

  private TransferSyntaxes() {}

  static String name(String uid) {
    return NAMES.getOrDefault(uid, "unknown transfer syntax");
  }

  static boolean isDecodable(String uid) {
    return NATIVE.contains(uid) || ENCAPSULATED_SUPPORTED.contains(uid);
  }

  static boolean isEncapsulated(String uid) {
    return ENCAPSULATED_SUPPORTED.contains(uid) || (!NATIVE.contains(uid) && !uid.isEmpty());
  }

  /**
   * Refuses a transfer syntax we have no decoder for. An empty UID means a file without meta
   * header, whose dataset PixelMed reads with a guessed native encoding.
   */
  static void requireSupported(String uid, Path file) throws DicomReadException {
    if (uid.isEmpty() || isDecodable(uid)) {
      return;
    }
    throw new DicomReadException(
        file,
        "unsupported transfer syntax "
            + name(uid)
            + " ("
            + uid
            + "): expected one of native, deflate, RLE, JPEG baseline, JPEG lossless (.70) or"
            + " JPEG 2000; no decoder for it here (decompress it first, e.g. with dcmtk)");
  }
}
