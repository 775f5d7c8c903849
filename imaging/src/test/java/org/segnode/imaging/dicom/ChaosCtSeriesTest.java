package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.volume.Grid;

/** The CHAOS CT case: 78 axial slices whose Instance Number grows as z falls. */
class ChaosCtSeriesTest {
  private static Path dir;
  private static List<Path> files;
  private static DicomSeries series;

  @TempDir Path tmp;

  @BeforeAll
  static void readOnce() throws Exception {
    dir = SharedData.path("chaos-ct-sample/case1/DICOM_anon");
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    series = new DicomSeriesReader().read(dir);
  }

  @Test
  void readsAllSlicesOrderedByPositionNotInstanceNumber() throws Exception {
    Grid g = series.volume().grid();
    assertEquals(512, g.nx());
    assertEquals(512, g.ny());
    assertEquals(78, g.nz());
    assertEquals(2.0, g.dz(), 1e-6);
    assertArrayEquals(new double[] {0, 0, 1}, g.sliceDir(), 1e-9);
    assertEquals(1536.5, g.slicePosition(0)[2], 1e-6);
    assertEquals(1690.5, g.slicePosition(77)[2], 1e-6);
    for (int k = 0; k < g.nz(); k++) {
      double[] ipp = TestFiles.position(series.slices().get(k).file());
      assertArrayEquals(ipp, g.slicePosition(k), 1e-6, "slice " + k);
    }
    AttributeList last = TestFiles.read(series.slices().get(0).file());
    assertEquals(78, Attribute.getSingleIntegerValueOrDefault(last, TagFromName.InstanceNumber, 0));
  }

  @Test
  void appliesRescaleInterceptToStoredValues() throws Exception {
    SourceSlice s = series.slices().get(40);
    AttributeList list = TestFiles.read(s.file());
    short[] stored = list.get(TagFromName.PixelData).getShortValues();
    double intercept =
        Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleIntercept, 0);
    assertEquals(-1000, intercept);
    int i = 256;
    int j = 300;
    assertEquals(stored[j * 512 + i] + intercept, series.volume().get(i, j, 40), 1e-3);
  }

  @Test
  void exposesHeaderOfFirstSliceWithoutPixelData() {
    assertEquals("CT", series.modality());
    assertTrue(series.seriesInstanceUid().startsWith("1."), series.seriesInstanceUid());
    assertTrue(!series.frameOfReferenceUid().isEmpty());
    assertTrue(!series.studyInstanceUid().isEmpty());
    assertTrue(series.header().get(TagFromName.PixelData) == null);
    assertEquals(3.2, series.sliceThickness(), 1e-9);
    assertEquals(0, series.slices().get(0).frameNumber());
  }

  @Test
  void mapsFilesInNameOrderToTheirSlices() {
    int[] sliceOfFile = series.sliceOfFileInNameOrder();
    assertEquals(78, sliceOfFile.length);
    for (int n = 0; n < files.size(); n++) {
      assertEquals(files.get(n), series.slices().get(sliceOfFile[n]).file());
    }
    assertEquals(77, sliceOfFile[0]);
  }

  @Test
  void shuffledFileListGivesTheSameVolume() throws Exception {
    List<Path> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, new Random(42));
    DicomSeries again = new DicomSeriesReader().read(shuffled);
    assertEquals(series.volume().grid(), again.volume().grid());
    assertArrayEquals(series.volume().voxels(), again.volume().voxels());
    assertEquals(series.slices(), again.slices());
  }

  @Test
  void refusesRepeatedPositionNamingTheInstance() throws Exception {
    List<Path> input = new ArrayList<>(files.subList(10, 14));
    double[] ipp = TestFiles.position(files.get(11));
    Path dup =
        TestFiles.copy(
            files.get(12),
            tmp.resolve("dup.dcm"),
            l -> {
              TestFiles.set(l, TagFromName.SOPInstanceUID, "1.2.3.4.5.6");
              TestFiles.set(l, TagFromName.ImagePositionPatient, ds(ipp));
            });
    input.add(dup);
    String m = refusal(input);
    assertTrue(m.contains("found the same position"), m);
    assertTrue(m.contains("dup.dcm") && m.contains("1.2.3.4.5.6"), m);
  }

  @Test
  void refusesLocalizerNamingTheInstanceAndOrientations() throws Exception {
    List<Path> input = new ArrayList<>(files.subList(20, 25));
    input.add(
        TestFiles.copy(
            files.get(30),
            tmp.resolve("localizer.dcm"),
            l ->
                TestFiles.set(
                    l, TagFromName.ImageOrientationPatient, "0", "1", "0", "0", "0", "-1")));
    String m = refusal(input);
    assertTrue(m.startsWith("localizer.dcm (SOP Instance UID "), m);
    assertTrue(m.contains("expected Image Orientation (Patient) (1.0000, 0.0000, 0.0000)"), m);
    assertTrue(m.contains("found (0.0000, 1.0000, 0.0000)(0.0000, 0.0000, -1.0000)"), m);
  }

  @Test
  void refusesGapNamingTheSliceAfterIt() throws Exception {
    List<Path> input = new ArrayList<>(files.subList(30, 40));
    Path removed = input.remove(5);
    String m = refusal(input);
    assertTrue(m.contains("expected a spacing of 2.000 mm"), m);
    assertTrue(m.contains("found 4.000 mm"), m);
    assertTrue(!m.contains(removed.getFileName().toString()), m);
  }

  @Test
  void refusesFileFromAnotherSeries() throws Exception {
    List<Path> input = new ArrayList<>(files.subList(0, 3));
    input.add(
        TestFiles.copy(
            files.get(3),
            tmp.resolve("other.dcm"),
            l -> TestFiles.set(l, TagFromName.SeriesInstanceUID, "1.2.3.999")));
    String m = refusal(input);
    assertTrue(m.startsWith("other.dcm"), m);
    assertTrue(m.contains("found 1.2.3.999"), m);
  }

  @Test
  void refusesDifferentMatrixOrPixelSpacing() throws Exception {
    List<Path> input = new ArrayList<>(files.subList(0, 3));
    input.add(
        TestFiles.copy(
            files.get(3),
            tmp.resolve("spacing.dcm"),
            l -> TestFiles.set(l, TagFromName.PixelSpacing, "0.8", "0.8")));
    String m = refusal(input);
    assertTrue(m.startsWith("spacing.dcm") && m.contains("expected Pixel Spacing"), m);
  }

  private static String refusal(List<Path> input) {
    return assertThrows(DicomReadException.class, () -> new DicomSeriesReader().read(input))
        .getMessage();
  }

  private static String[] ds(double[] v) {
    return new String[] {Double.toString(v[0]), Double.toString(v[1]), Double.toString(v[2])};
  }
}
