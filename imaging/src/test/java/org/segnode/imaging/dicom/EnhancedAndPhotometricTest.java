package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.volume.Grid;

class EnhancedAndPhotometricTest {
  @TempDir Path tmp;

  @Test
  void enhancedMrFramesAreOrderedByPerFramePlanePosition() throws Exception {
    Path file = SharedData.path("dicom-samples/enhanced-multiframe/siemens_xa10_enh_6_1.dcm");
    DicomSeries series = new DicomSeriesReader().read(file);
    Grid g = series.volume().grid();
    assertEquals(6, g.nz());
    assertEquals(3.375, g.dx(), 1e-9);
    assertEquals(2.4, g.dz(), 1e-3);
    AttributeList list = TestFiles.read(file);
    SequenceAttribute perFrame =
        (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
    for (int k = 0; k < 6; k++) {
      SourceSlice s = series.slices().get(k);
      assertEquals("1.2.840.10008.5.1.4.1.1.4.1", s.sopClassUid());
      AttributeList item = perFrame.getItem(s.frameNumber() - 1).getAttributeList();
      AttributeList plane =
          SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
              item, TagFromName.PlanePositionSequence);
      double[] ipp = Attribute.getDoubleValues(plane, TagFromName.ImagePositionPatient);
      assertArrayEquals(ipp, g.slicePosition(k), 1e-3, "slice " + k);
    }
  }

  @Test
  void enhancedFramesAreSortedByPositionNotFrameOrder() throws Exception {
    Path source = SharedData.path("dicom-samples/enhanced-multiframe/siemens_xa10_enh_6_1.dcm");
    Path reversed = TestFiles.copy(source, tmp.resolve("reversed.dcm"), l -> reversePositions(l));
    DicomSeries series = new DicomSeriesReader().read(reversed);
    DicomSeries original = new DicomSeriesReader().read(source);
    for (int k = 0; k < 6; k++) {
      assertEquals(6 - k, series.slices().get(k).frameNumber());
    }
    assertArrayEquals(
        original.volume().grid().slicePosition(0), series.volume().grid().slicePosition(0), 1e-6);
    int size = 64 * 64;
    for (int n = 0; n < size; n++) {
      assertEquals(original.volume().voxels()[5 * size + n], series.volume().voxels()[n]);
    }
  }

  private static void reversePositions(AttributeList list) {
    SequenceAttribute perFrame =
        (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
    int frames = perFrame.getNumberOfItems();
    String[][] positions = new String[frames][];
    for (int f = 0; f < frames; f++) {
      positions[f] =
          Attribute.getStringValues(plane(perFrame, f), TagFromName.ImagePositionPatient);
    }
    for (int f = 0; f < frames; f++) {
      TestFiles.set(
          plane(perFrame, f), TagFromName.ImagePositionPatient, positions[frames - 1 - f]);
    }
  }

  private static AttributeList plane(SequenceAttribute perFrame, int f) {
    return SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
        perFrame.getItem(f).getAttributeList(), TagFromName.PlanePositionSequence);
  }

  @Test
  void enhancedFramePixelsMatchTheirFrameInPixelData() throws Exception {
    Path file = SharedData.path("dicom-samples/enhanced-multiframe/siemens_xa10_enh_6_2.dcm");
    DicomSeries series = new DicomSeriesReader().read(file);
    short[] all = TestFiles.read(file).get(TagFromName.PixelData).getShortValues();
    int size = 64 * 64;
    for (int k = 0; k < 6; k++) {
      int frame = series.slices().get(k).frameNumber() - 1;
      for (int n = 0; n < size; n += 97) {
        assertEquals(all[frame * size + n], series.volume().voxels()[k * size + n], 1e-6);
      }
    }
  }

  @Test
  void monochrome1IsInvertedWithinStoredRange() throws Exception {
    Path source = SharedData.path("dicom-samples/transfer-syntax/pydicom_MR_small.dcm");
    Path inverted =
        TestFiles.copy(
            source,
            tmp.resolve("mono1.dcm"),
            l -> TestFiles.set(l, TagFromName.PhotometricInterpretation, "MONOCHROME1"));
    float[] plain = new DicomSeriesReader().read(source).volume().voxels();
    float[] mono1 = new DicomSeriesReader().read(inverted).volume().voxels();
    AttributeList list = TestFiles.read(source);
    int bits = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, 0);
    boolean signed =
        Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0) == 1;
    float mirror = signed ? -1 : (1 << bits) - 1;
    for (int n = 0; n < plain.length; n++) {
      assertEquals(mirror - plain[n], mono1[n], 1e-3, "pixel " + n);
    }
  }

  @Test
  void nativeRgbByPlaneIsReadAsRec601Luminance() throws Exception {
    Path file = SharedData.path("dicom-samples/transfer-syntax/pydicom_ExplVR_BigEnd.dcm");
    DicomSeries series = new DicomSeriesReader().read(file);
    assertTrue(series.colourConvertedToGrey());
    byte[] rgb = TestFiles.read(file).get(TagFromName.PixelData).getByteValues();
    int size = 60 * 80;
    for (int n = 0; n < size; n++) {
      double luma = 0.299 * u8(rgb, n) + 0.587 * u8(rgb, size + n) + 0.114 * u8(rgb, 2 * size + n);
      assertEquals(Math.round(luma), series.volume().voxels()[n], 0, "pixel " + n);
    }
  }

  /** dcmtk's decoder writes RGB by pixel; PixelMed's may round differently by one step. */
  @Test
  void jpegYbrIsReadAsTheLuminanceOfDcmtksRgb() throws Exception {
    Path file = SharedData.path("dicom-samples/transfer-syntax/pydicom_SC_rgb_jpeg_dcmtk.dcm");
    Path rgbFile = tmp.resolve("rgb.dcm");
    Process p = new ProcessBuilder("dcmdjpeg", file.toString(), rgbFile.toString()).start();
    assertEquals(0, p.waitFor());
    AttributeList dcmtk = TestFiles.read(rgbFile);
    assertEquals("RGB", TestFiles.text(dcmtk, TagFromName.PhotometricInterpretation).trim());
    // dcmtk stores 8-bit samples in an OW element; byte n is sample n in little-endian order.
    byte[] rgb = ((OtherWordAttribute) dcmtk.get(TagFromName.PixelData)).getByteValues(false);
    DicomSeries series = new DicomSeriesReader().read(file);
    assertTrue(series.colourConvertedToGrey());
    for (int n = 0; n < 100 * 100; n++) {
      double luma =
          0.299 * u8(rgb, 3 * n) + 0.587 * u8(rgb, 3 * n + 1) + 0.114 * u8(rgb, 3 * n + 2);
      assertEquals(luma, series.volume().voxels()[n], 1.5, "pixel " + n);
    }
  }

  private static int u8(byte[] bytes, int n) {
    return bytes[n] & 0xff;
  }

  @Test
  void refusesPaletteColourNamingPhotometricInterpretation() throws Exception {
    Path source = SharedData.path("dicom-samples/transfer-syntax/pydicom_MR_small.dcm");
    Path palette =
        TestFiles.copy(
            source,
            tmp.resolve("palette.dcm"),
            l -> TestFiles.set(l, TagFromName.PhotometricInterpretation, "PALETTE COLOR"));
    DicomReadException e =
        assertThrows(DicomReadException.class, () -> new DicomSeriesReader().read(palette));
    assertTrue(e.getMessage().contains("found PALETTE COLOR"), e.getMessage());
  }
}
