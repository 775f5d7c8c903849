package org.segnode.imaging.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.imaging.volume.Vec3;

/** Every CHAOS T2-SPIR volume of the shared data, checked against MANIFEST.tsv. */
class NiftiReaderChaosTest {
  private static final String[] ORGAN_COLUMNS = {
    "liver_mL", "r_kidney_mL", "l_kidney_mL", "spleen_mL"
  };

  static Stream<Arguments> patients() throws IOException {
    return manifest().stream().map(row -> Arguments.of(row.get("patient"), row));
  }

  static List<Map<String, String>> manifest() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.path("chaos-t2spir/MANIFEST.tsv"));
    String[] columns = lines.get(0).split("\t");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t");
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < columns.length; c++) {
        row.put(columns[c], cells[c]);
      }
      rows.add(row);
    }
    assertEquals(14, rows.size(), "patients in MANIFEST.tsv");
    return rows;
  }

  static Path file(String p, String kind) {
    return SharedData.path("chaos-t2spir/" + p + "/" + kind + "_" + p + ".nii.gz");
  }

  @ParameterizedTest(name = "patient {0}")
  @MethodSource("patients")
  void imageReadsAsFloat64OnTheLabelsGridAndTheManifestShape(
      String patient, Map<String, String> row) throws IOException {
    NiftiImage image = NiftiReader.read(file(patient, "image"));
    NiftiHeader label = NiftiReader.readHeader(file(patient, "label"));
    assertEquals(NiftiDataType.FLOAT64, image.datatype());
    assertEquals(NiftiDataType.FLOAT64, label.datatype());
    assertEquals(NiftiGeometry.Source.SFORM, image.geometrySource());
    Grid labelGrid = NiftiGeometry.toGrid(label, NiftiGeometry.preferredSource(label), "label");
    assertTrue(image.grid().sameAs(labelGrid, 1e-6), "image and label grids");
    assertWholeNumbersFromZero(image.values());
    Grid g = image.grid();
    assertEquals(row.get("shape_xyz"), g.nx() + "x" + g.ny() + "x" + g.nz());
    String[] spacing = row.get("spacing_mm").split("x");
    assertEquals(Double.parseDouble(spacing[0]), g.dx(), 1e-6);
    assertEquals(Double.parseDouble(spacing[1]), g.dy(), 1e-6);
    assertEquals(Double.parseDouble(spacing[2]), g.dz(), 1e-5);
  }

  @ParameterizedTest(name = "patient {0}")
  @MethodSource("patients")
  void qformAndSformPlaceTheVolumeAlike(String patient, Map<String, String> row)
      throws IOException {
    NiftiHeader h = NiftiReader.readHeader(file(patient, "label"));
    assertEquals(1, h.sformCode());
    assertEquals(1, h.qformCode());
    Grid sform = NiftiGeometry.toGrid(h, NiftiGeometry.Source.SFORM, "label");
    Grid qform = NiftiGeometry.toGrid(h, NiftiGeometry.Source.QFORM, "label");
    // The files' own float32 quaternions, near a half turn, drift up to 0.014 mm (patient 33)
    // from their sforms over the 320 mm field; 0.05 mm is still far below a 1.25 mm voxel.
    assertTrue(sform.sameAs(qform, 0.05), () -> sform + " vs " + qform);
    // Measured: i runs to patient left, j anteriorly, k superiorly (some patients tilted by about
    // a degree), so in LPS the grid is left-handed.
    assertTrue(sform.rowDir()[0] > 0.999, () -> "row " + Vec3.format(sform.rowDir()));
    assertTrue(sform.colDir()[1] < -0.999, () -> "col " + Vec3.format(sform.colDir()));
    assertTrue(sform.sliceDir()[2] > 0.999, () -> "slice " + Vec3.format(sform.sliceDir()));
    double handedness = Vec3.dot(Vec3.cross(sform.rowDir(), sform.colDir()), sform.sliceDir());
    assertEquals(-1, handedness, 1e-6);
  }

  @ParameterizedTest(name = "patient {0}")
  @MethodSource("patients")
  void organVolumesMatchTheManifestWithinOnePercent(String patient, Map<String, String> row)
      throws IOException {
    LabelVolume labels = NiftiReader.readLabels(file(patient, "label"));
    assertArrayEquals(new int[] {1, 2, 3, 4}, labels.presentLabels());
    for (int label = 1; label <= 4; label++) {
      double expected = Double.parseDouble(row.get(ORGAN_COLUMNS[label - 1]));
      double found = labels.volumeMl(label);
      assertEquals(expected, found, 0.01 * expected, ORGAN_COLUMNS[label - 1]);
    }
    assertEquals(Integer.parseInt(row.get("slices_with_liver")), slicesWith(labels, 1));
  }

  private static void assertWholeNumbersFromZero(double[] v) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double x : v) {
      assertEquals(Math.rint(x), x, "image values are integers stored as float64");
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    // Measured over the 14 patients: 0 .. 828 to 0 .. 1316; exact in float32.
    assertEquals(0.0, min);
    assertTrue(max > 500 && max < 2000, "maximum " + max);
  }

  static int slicesWith(LabelVolume labels, int label) {
    Grid g = labels.grid();
    int slices = 0;
    for (int k = 0; k < g.nz(); k++) {
      boolean found = false;
      for (int n = k * g.sliceSize(); n < (k + 1) * g.sliceSize() && !found; n++) {
        found = (labels.labels()[n] & 0xff) == label;
      }
      slices += found ? 1 : 0;
    }
    return slices;
  }
}
