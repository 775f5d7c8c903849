package org.segnode.node.dicom;

import java.util.List;
import java.util.stream.Stream;
import org.segnode.imaging.dicom.DicomSeriesReader;

/**
 * Our transfer syntax policy. For a storage context we accept the first syntax of {@link
 * #STORAGE_PREFERENCE} the sender offers: uncompressed first (nothing to decode later), then
 * lossless compression, JPEG baseline (lossy) last so that a lossless copy is taken whenever one is
 * offered. Every syntax listed is one the imaging core's reader decodes. Explicit VR Big Endian
 * (retired) and syntaxes the reader cannot decode are refused (reason 4), never stored unreadable.
 */
final class TransferSyntaxes {
  static final String IMPLICIT_VR_LE = "1.2.840.10008.1.2";
  static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
  static final String DEFLATED_EXPLICIT_VR_LE = "1.2.840.10008.1.2.1.99";
  static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";
  static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
  static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
  static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
  static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
  static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

  /** Our order of preference, cut to what the imaging core's reader decodes. */
  static final List<String> STORAGE_PREFERENCE =
      Stream.of(
              EXPLICIT_VR_LE,
              IMPLICIT_VR_LE,
              DEFLATED_EXPLICIT_VR_LE,
              RLE_LOSSLESS,
              JPEG_LOSSLESS_SV1,
              JPEG_LOSSLESS,
              JPEG_2000_LOSSLESS,
              JPEG_2000,
              JPEG_BASELINE)
          .filter(DicomSeriesReader::canDecode)
          .toList();

  /** Verification carries no data set: the two uncompressed syntaxes suffice. */
  static final List<String> VERIFICATION_PREFERENCE = List.of(IMPLICIT_VR_LE, EXPLICIT_VR_LE);

  private TransferSyntaxes() {}
}
