package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.seg.Dciodvfy;
import org.segnode.imaging.seg.OhifSegLoader;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.seg.Segmentation;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.NodeProcess;

/**
 * Real PACS end to end: Debian's Orthanc as the hospital PACS auto-routes each stable MR series to
 * the packaged node (bin/segnode, its own process), and the node's SEG comes back into Orthanc. A
 * CHAOS MR patient converted to DICOM is stored into Orthanc with dcmtk's storescu; the SEG must
 * then appear in Orthanc (bounded wait) in the same study, reference the series, pass dciodvfy,
 * load in the OHIF viewer's loader and give a liver Dice of at least 0.85 against the patient's
 * label. The time from storescu's return to the SEG in Orthanc is printed, not asserted (see
 * scripts/benchmark-orthanc.sh).
 *
 * <p>Orthanc 1.10 cannot bind to loopback only: during the test its DICOM and HTTP ports (free
 * ones) listen on all interfaces. The node listens on 127.0.0.1 and accepts only AE {@value
 * OrthancProcess#AE} from 127.0.0.1.
 */
@Tag("packaged-node")
class OrthancEndToEndIT {
  private static final ChaosPatient PATIENT = new ChaosPatient(3);
  private static final int STABLE_AGE_SECONDS = 2;
  private static final long SEG_WAIT_MS = 120_000;
  private static final String SEG_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

  @TempDir Path dir;

  @Test
  void mrSeriesStoredInOrthancComesBackAsASegInTheSameStudy() throws Exception {
    Path seriesDir = writeSeries();
    DicomSeries source = new DicomSeriesReader().read(seriesDir);
    int orthancDicomPort = NodeFixture.freePort();
    try (NodeProcess node = startNode(orthancDicomPort);
        OrthancProcess pacs =
            OrthancProcess.start(
                dir.resolve("orthanc"),
                orthancDicomPort,
                "SEGNODE",
                node.port,
                STABLE_AGE_SECONDS)) {
      Dcmtk.Result sent = Dcmtk.store(OrthancProcess.AE, pacs.dicomPort, seriesDir.toString());
      assertEquals(0, sent.exitCode(), sent.output());
      long lastInstance = System.nanoTime();
      assertEquals(
          source.slices().size(),
          find(pacs, "MR", source.studyInstanceUid()).size(),
          "MR instances in Orthanc");
      String segId = awaitSeg(pacs, node, source.studyInstanceUid());
      System.out.printf(
          "OrthancEndToEndIT: last instance -> SEG in Orthanc %.2f s (StableAge %d s,"
              + " series.inactivity-seconds 1)%n",
          (System.nanoTime() - lastInstance) / 1e9, STABLE_AGE_SECONDS);
      Path seg = dir.resolve("seg.dcm");
      Files.write(seg, pacs.get("/instances/" + segId + "/file"));
      assertSegOf(seg, source, seriesDir);
      assertNoPatientDataIn(Files.readString(node.dir.resolve("node.log")));
    }
  }

  private Path writeSeries() throws Exception {
    Path series = dir.resolve("series");
    PATIENT.writeSeries(series, "orthanc-e2e");
    return series;
  }

  /** The node sends SEGs to Orthanc and accepts series from it only. */
  private NodeProcess startNode(int orthancDicomPort) throws Exception {
    return NodeProcess.start(
        dir.resolve("node"),
        new NodeProcess.Setup(
            Map.of("series.inactivity-seconds", "1", "spool.min-free-mb", "1"),
            Map.of(OrthancProcess.AE, "127.0.0.1"),
            List.of(new NodeProcess.Destination("pacs", OrthancProcess.AE, orthancDicomPort))));
  }

  /** Orthanc's instance identifiers of one modality in one study. */
  private static List<String> find(OrthancProcess pacs, String modality, String studyUid)
      throws Exception {
    String query =
        "{\"Level\": \"Instance\", \"Query\": {\"StudyInstanceUID\": \"%s\", \"Modality\": \"%s\"}}"
            .formatted(studyUid, modality);
    return OrthancProcess.ids(pacs.post("/tools/find", query));
  }

  /**
   * Bounded: polls Orthanc every 250 ms for a SEG in the study, at most {@value #SEG_WAIT_MS} ms.
   */
  private static String awaitSeg(OrthancProcess pacs, NodeProcess node, String studyUid)
      throws Exception {
    long deadline = System.currentTimeMillis() + SEG_WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      List<String> segs = find(pacs, "SEG", studyUid);
      if (!segs.isEmpty()) {
        assertEquals(1, segs.size(), "SEGs in the study: " + segs);
        return segs.get(0);
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "expected a SEG in Orthanc's study within "
            + SEG_WAIT_MS
            + " ms, found none\n--- node log ---\n"
            + node.logTail()
            + "\n--- Orthanc log ---\n"
            + pacs.logTail());
  }

  /** The node logs at INFO: UIDs, AE titles and addresses, never who the patient is. */
  private static void assertNoPatientDataIn(String log) {
    assertTrue(log.contains("series complete"), "the node's log expected:\n" + log);
    for (String name : PATIENT.name().split("\\^")) {
      assertFalse(log.contains(name), "patient name part " + name + " in the node's log");
    }
    assertFalse(log.contains(PATIENT.id()), "patient ID in the node's log");
  }

  private static void assertSegOf(Path seg, DicomSeries source, Path seriesDir) throws Exception {
    AttributeList attributes = new AttributeList();
    attributes.read(seg.toFile());
    assertEquals(
        SEG_STORAGE,
        Attribute.getSingleStringValueOrEmptyString(attributes, TagFromName.SOPClassUID));
    assertEquals(
        source.studyInstanceUid(),
        Attribute.getSingleStringValueOrEmptyString(attributes, TagFromName.StudyInstanceUID));
    Segmentation segmentation = SegReader.read(seg);
    assertEquals(source.seriesInstanceUid(), segmentation.referencedSeriesUid());
    Dciodvfy.assertNoErrors(seg);
    LabelVolume predicted = ChaosPatient.labelsOf(segmentation, source);
    assertOhifPaints(predicted, seg, source, seriesDir);
    double dice = PATIENT.liverDice(predicted);
    assertTrue(dice >= 0.85, "liver Dice of the SEG in Orthanc: " + dice);
  }

  /** OHIF's loader paints, on each source image, exactly the liver our reader finds in the SEG. */
  private static void assertOhifPaints(
      LabelVolume predicted, Path seg, DicomSeries source, Path seriesDir) {
    OhifSegLoader.Result ohif = OhifSegLoader.load(seg, seriesDir);
    assertEquals(List.of(), ohif.warnings(), "warnings of the OHIF loader");
    assertEquals(predicted.count(1), ohif.totalVoxels(), "voxels OHIF paints");
    int size = predicted.grid().sliceSize();
    for (int k = 0; k < source.slices().size(); k++) {
      BitSet expected = new BitSet();
      for (int p = 0; p < size; p++) {
        if (predicted.labels()[k * size + p] == 1) {
          expected.set(p);
        }
      }
      BitSet painted =
          ohif.pixels()
              .getOrDefault(source.slices().get(k).sopInstanceUid(), Map.of())
              .getOrDefault(1, new BitSet());
      assertEquals(expected, painted, "liver voxels OHIF paints on slice " + k);
    }
  }
}
