package org.segnode.node.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.node.config.Orientation;
import org.segnode.node.config.RoutingRule;

class RouterTest {
  private static final Path MODEL = Path.of("/models/m.onnx");

  @TempDir Path dir;

  @Test
  void headerGivesModalityDescriptionAndPlane() throws Exception {
    SeriesHeader axial = SeriesHeader.read(mr("axial", Grid.axial(8, 8, 2, 1, 1, 1), "T2 SPIR"));
    assertEquals("MR", axial.value("Modality"));
    assertEquals("T2 SPIR", axial.value("SeriesDescription"));
    assertEquals("", axial.value("BodyPartExamined"));
    assertEquals(Orientation.AXIAL, axial.orientation());
    assertEquals(Orientation.CORONAL, SeriesHeader.read(mr("cor", coronal(), "x")).orientation());
    SeriesHeader ct =
        SeriesHeader.read(SharedData.path("dicom-samples/transfer-syntax/pydicom_CT_small.dcm"));
    assertEquals("CT", ct.value("Modality"));
    assertEquals(Orientation.AXIAL, ct.orientation());
  }

  @Test
  void enhancedMultiFrameHeaderTakesThePlaneFromItsFunctionalGroups() throws Exception {
    // this object has Image Orientation (Patient) only in its per-frame functional groups
    SeriesHeader enhanced =
        SeriesHeader.read(
            SharedData.path("dicom-samples/enhanced-multiframe/siemens_xa10_enh_6_1.dcm"));
    assertEquals("MR", enhanced.value("Modality"));
    assertEquals(Orientation.AXIAL, enhanced.orientation());
  }

  @Test
  void planeIsTheOneNearestTheSliceNormal() {
    assertEquals(
        Orientation.AXIAL, Orientation.ofImageOrientation(new double[] {1, 0, 0, 0, 1, 0}));
    assertEquals(
        Orientation.SAGITTAL, Orientation.ofImageOrientation(new double[] {0, 1, 0, 0, 0, -1}));
    // 20 degrees off axial about x is still axial
    double c = Math.cos(Math.toRadians(20));
    double s = Math.sin(Math.toRadians(20));
    assertEquals(
        Orientation.AXIAL, Orientation.ofImageOrientation(new double[] {1, 0, 0, 0, c, s}));
    assertEquals(Orientation.ANY, Orientation.ofImageOrientation(null));
    assertEquals(Orientation.ANY, Orientation.ofImageOrientation(new double[] {1, 0, 0, 1, 0, 0}));
  }

  @Test
  void firstMatchingRuleWins() {
    RoutingRule t2 = rule("t2", Map.of("SeriesDescription", ".*t2.*spir.*"), Orientation.AXIAL);
    RoutingRule anyMr = rule("any-mr", Map.of("Modality", "MR"), Orientation.ANY);
    Router router = new Router(List.of(t2, anyMr));

    assertEquals(t2, router.route(header("MR", "Abdomen T2 SPIR", Orientation.AXIAL)).rule());
    assertEquals(anyMr, router.route(header("MR", "Abdomen T2 SPIR", Orientation.CORONAL)).rule());
    assertEquals(anyMr, router.route(header("MR", "T1 in-phase", Orientation.AXIAL)).rule());
  }

  @Test
  void unmatchedSeriesIsSkippedWithTheValuesTheRulesLookAt() {
    Router router =
        new Router(List.of(rule("liver-mr", Map.of("Modality", "MR"), Orientation.AXIAL)));

    Route ct = router.route(header("CT", "Abdomen", Orientation.AXIAL));
    assertTrue(ct.skipped());
    assertEquals("no rule matched: Modality='CT' orientation=axial", ct.skipReason());
    Route coronal = router.route(header("MR", "Abdomen", Orientation.CORONAL));
    assertEquals("no rule matched: Modality='MR' orientation=coronal", coronal.skipReason());
    Route unknown = router.route(header("MR", "Abdomen", Orientation.ANY));
    assertEquals("no rule matched: Modality='MR' orientation=unknown", unknown.skipReason());
  }

  @Test
  void patternsMatchWholeValuesIgnoringCase() {
    RoutingRule mr = rule("mr", Map.of("Modality", "mr"), Orientation.ANY);
    assertTrue(Router.matches(mr, header("MR", "", Orientation.ANY)));
    assertTrue(!Router.matches(mr, header("MRX", "", Orientation.ANY)), "whole value");
    assertTrue(!Router.matches(mr, header("", "", Orientation.ANY)), "absent attribute");
  }

  private static RoutingRule rule(String name, Map<String, String> regex, Orientation o) {
    Map<String, Pattern> patterns =
        regex.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    e -> Pattern.compile(e.getValue(), Pattern.CASE_INSENSITIVE)));
    return new RoutingRule(name, patterns, o, MODEL, List.of("pacs"));
  }

  private static SeriesHeader header(String modality, String description, Orientation o) {
    return new SeriesHeader(Map.of("Modality", modality, "SeriesDescription", description), o);
  }

  private Path mr(String name, Grid grid, String description) throws Exception {
    DicomSeriesWriter.Options options =
        new DicomSeriesWriter.Options("SYN^A", "SYN-1", "routing test", description, name);
    return new DicomSeriesWriter()
        .write(new ImageVolume(grid, new float[grid.voxelCount()]), dir.resolve(name), options)
        .get(0);
  }

  private static Grid coronal() {
    return new Grid(
        8,
        8,
        2,
        new double[3],
        new double[] {1, 0, 0},
        new double[] {0, 0, -1},
        new double[] {0, 1, 0},
        1,
        1,
        1);
  }
}
