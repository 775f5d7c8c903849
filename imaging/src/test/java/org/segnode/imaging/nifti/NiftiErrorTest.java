package org.segnode.imaging.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files SegNode must refuse, each with a one-line message: file, expectation, finding. */
class NiftiErrorTest {
  @TempDir Path dir;

  private static final double[] SMALL = {0, 1, 2, 3, 4, 5, 6, 7};

  private static NiftiHeader small(NiftiDataType type) {
    return NiftiTestFiles.header(ByteOrder.LITTLE_ENDIAN, type, 2, 2, 2);
  }

  private NiftiFormatException refused(Path file) {
    NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": expected "), e.getMessage());
    assertTrue(e.getMessage().contains(", found "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one-line message");
    return e;
  }

  @Test
  void truncatedDataIsRefusedWithTheMissingByteCount() throws IOException {
    byte[] whole = NiftiTestFiles.bytes(small(NiftiDataType.INT16), SMALL);
    Path file =
        NiftiTestFiles.write(dir.resolve("cut.nii"), Arrays.copyOf(whole, whole.length - 3));
    String message = refused(file).getMessage();
    assertTrue(message.contains("16 data bytes from offset 352"), message);
    assertTrue(message.contains("found 13 (truncated file)"), message);
  }

  @Test
  void truncatedGzipIsRefused() throws IOException {
    Path whole =
        NiftiTestFiles.write(dir.resolve("whole.nii.gz"), small(NiftiDataType.FLOAT64), SMALL);
    byte[] gz = Files.readAllBytes(whole);
    Path file = Files.write(dir.resolve("cut.nii.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertTrue(refused(file).getMessage().contains("truncated"));
  }

  @Test
  void nonNiftiFileIsRefusedBySizeofHdr() throws IOException {
    byte[] text =
        "this is a text file, not an image\n".repeat(20).getBytes(StandardCharsets.US_ASCII);
    Path file = Files.write(dir.resolve("notes.nii"), text);
    assertTrue(refused(file).getMessage().contains("expected sizeof_hdr 348"));
  }

  @Test
  void fileShorterThanAHeaderIsRefused() throws IOException {
    Path file = Files.write(dir.resolve("tiny.nii"), new byte[] {1, 2, 3});
    assertTrue(refused(file).getMessage().contains("348-byte NIfTI-1 header, found 3 bytes"));
  }

  @Test
  void unsupportedDatatypeIsRefusedListingTheSupportedOnes() throws IOException {
    byte[] bytes = NiftiTestFiles.bytes(small(NiftiDataType.UINT8), SMALL);
    Path file =
        NiftiTestFiles.write(dir.resolve("rgb.nii"), NiftiTestFiles.patchShort(bytes, 70, 128));
    String message = refused(file).getMessage();
    assertTrue(message.contains("float32(16)") && message.endsWith("found 128"), message);
  }

  @Test
  void fourDimensionalDataIsRefused() throws IOException {
    byte[] bytes = NiftiTestFiles.bytes(small(NiftiDataType.UINT8), SMALL);
    bytes = NiftiTestFiles.patchShort(NiftiTestFiles.patchShort(bytes, 40, 5), 48, 3);
    Path file = NiftiTestFiles.write(dir.resolve("4d.nii"), bytes);
    assertTrue(refused(file).getMessage().contains("found dim = [5, 2, 2, 2, 3, 1]"));
  }

  @Test
  void hdrImgPairMagicIsRefused() throws IOException {
    byte[] bytes = NiftiTestFiles.bytes(small(NiftiDataType.UINT8), SMALL);
    bytes[345] = 'i';
    Path file = NiftiTestFiles.write(dir.resolve("pair.nii"), bytes);
    assertTrue(refused(file).getMessage().contains("'ni1'"));
  }

  @Test
  void niftiTwoIsRefusedByName() throws IOException {
    byte[] bytes = NiftiTestFiles.bytes(small(NiftiDataType.UINT8), SMALL);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 540);
    Path file = NiftiTestFiles.write(dir.resolve("n2.nii"), bytes);
    assertTrue(refused(file).getMessage().contains("NIfTI-2"));
  }

  @Test
  void degenerateSformIsRefused() throws IOException {
    NiftiHeader h = small(NiftiDataType.UINT8);
    float[][] srow = {{1, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 1, 0}};
    h = NiftiTestFiles.withForms(h, h.pixdim(), 0, new float[3], new float[3], 1, srow);
    Path file = NiftiTestFiles.write(dir.resolve("flat.nii"), h, SMALL);
    assertTrue(refused(file).getMessage().contains("column 1"));
  }

  @Test
  void nonIntegerLabelsAreRefusedNamingTheVoxel() throws IOException {
    double[] values = SMALL.clone();
    values[5] = 1.5;
    Path file = NiftiTestFiles.write(dir.resolve("soft.nii"), small(NiftiDataType.FLOAT32), values);
    NiftiFormatException e =
        assertThrows(NiftiFormatException.class, () -> NiftiReader.readLabels(file));
    assertEquals(
        file + ": expected integer labels in 0..255, found 1.5 at voxel (1, 0, 1) in FLOAT32 data",
        e.getMessage());
  }

  @Test
  void labelsAbove255AreRefused() throws IOException {
    double[] values = SMALL.clone();
    values[7] = 300;
    Path file = NiftiTestFiles.write(dir.resolve("big.nii"), small(NiftiDataType.INT16), values);
    NiftiFormatException e =
        assertThrows(NiftiFormatException.class, () -> NiftiReader.readLabels(file));
    assertTrue(e.getMessage().contains("found 300.0 at voxel (1, 1, 1)"), e.getMessage());
  }
}
