package org.segnode.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segnode.imaging.SharedData;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeProcess;

/**
 * The 17 files of dicom-samples/broken sent to the packaged node, one case each: sent by storescu
 * where storescu can send it (with the options named), otherwise storescu's own refusal is checked
 * and the bytes go by {@link RawStoreScu}. Each ends either refused (a failure status, the reason
 * in the node's log and refusal table) or stored and then recorded as a FAILED segment job with the
 * reader's reason. Truncated files are refused at receipt, by the completeness check. The node
 * accepts the SOP classes these files claim (CT, RT, Secondary Capture besides MR) so that their
 * data sets reach it rather than being refused at negotiation. Afterwards the node still answers
 * C-ECHO and stores a good instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("packaged-node")
class BrokenFilesIT {
  private static final long WAIT_MS = 60_000;
  private static final String CLASSES =
      String.join(
          ",",
          "1.2.840.10008.5.1.4.1.1.4", // MR
          "1.2.840.10008.5.1.4.1.1.4.1", // Enhanced MR
          "1.2.840.10008.5.1.4.1.1.2", // CT
          "1.2.840.10008.5.1.4.1.1.7", // Secondary Capture
          "1.2.840.10008.5.1.4.1.1.481.2", // RT Dose
          "1.2.840.10008.5.1.4.1.1.481.5", // RT Plan
          "1.2.840.10008.5.1.4.1.1.481.8"); // RT Ion Plan

  /** storescu cannot parse the file: it says so and sends nothing. */
  private static final String BAD_FILE = "E: Bad DICOM file: ";

  private static final String NO_UIDS = "E: No SOP Class or Instance UID in file: ";

  /**
   * One file: {@code storescu} options when storescu sends it, else the refusal storescu prints
   * (the bytes then go raw); {@code status} the C-STORE status expected (0 when stored); {@code
   * reason} a fragment of the node's refusal, or of the FAILED job's reason when stored.
   */
  record Case(
      String file, List<String> storescu, String storescuRefusal, int status, String reason) {
    static Case storescu(String file, List<String> options, int status, String reason) {
      return new Case(file, options, null, status, reason);
    }

    static Case raw(String file, String storescuRefusal, int status, String reason) {
      return new Case(file, null, storescuRefusal, status, reason);
    }

    @Override
    public String toString() {
      return file;
    }
  }

  private static final String NO_SOP_INSTANCE = "expected SOP Instance UID (0008,0018), found none";
  private static final String UNREADABLE = "unreadable data set: ";
  private static final String NO_PIXEL_DATA = "expected Pixel Data (7FE0,0010), found none";

  static Stream<Case> cases() {
    return Stream.of(
        Case.raw("derived_bad_magic.dcm", BAD_FILE, 0xC000, NO_SOP_INSTANCE),
        Case.raw("derived_empty.dcm", BAD_FILE, 0xC000, NO_SOP_INSTANCE),
        Case.raw("derived_not_dicom.dcm", BAD_FILE, 0xC000, UNREADABLE),
        Case.raw(
            "derived_truncated_in_header.dcm",
            BAD_FILE,
            0xC000,
            "expected Series Instance UID (0020,000E), found none"),
        Case.raw(
            "derived_truncated_in_pixeldata.dcm",
            BAD_FILE,
            0xC000,
            "truncated: Pixel Data (7FE0,0010) declares 294912 bytes, 289912 remain"),
        Case.raw(
            "dwv_dwv-test_no-number-rows.dcm",
            NO_UIDS,
            0xC000,
            "expected SOP Class UID (0008,0016), found none"),
        // RT Ion Plan is not among storescu's default contexts: -R proposes the file's own class
        Case.storescu("pydicom_ExplVR_BigEndNoMeta.dcm", List.of("-R"), 0, NO_PIXEL_DATA),
        Case.storescu("pydicom_ExplVR_LitEndNoMeta.dcm", List.of("-R"), 0, NO_PIXEL_DATA),
        // storescu cannot decompress to propose an uncompressed syntax: it must offer the file's
        Case.storescu(
            "pydicom_JPEG2000-embedded-sequence-delimiter.dcm",
            List.of("-xw"),
            0,
            "cannot read or decode Pixel Data encoded as JPEG 2000"),
        Case.raw(
            "pydicom_MR_truncated.dcm",
            BAD_FILE,
            0xC000,
            "truncated: Pixel Data (7FE0,0010) declares 8192 bytes, 8130 remain"),
        Case.storescu(
            "pydicom_badVR.dcm",
            List.of(),
            0,
            "expected Number of Frames to be a positive integer, found '1A'"),
        Case.raw("pydicom_meta_missing_tsyntax.dcm", NO_UIDS, 0xC000, NO_SOP_INSTANCE),
        Case.raw("pydicom_no_meta.dcm", BAD_FILE, 0xC000, NO_SOP_INSTANCE),
        // cut inside a sequence before any Pixel Data: PixelMed parses the header as far as it
        // goes, the completeness check sees the sequence's length run past the end
        Case.raw(
            "pydicom_rtplan_truncated.dcm",
            BAD_FILE,
            0xC000,
            "truncated: element (300A,00B0) declares 976 bytes, 712 remain"),
        Case.raw("pydicom_zipMR.gz", BAD_FILE, 0xC000, UNREADABLE),
        Case.storescu(
            "pydicomdata_bad_sequence.dcm",
            List.of("-xs"),
            0xC000,
            "expected SOP Instance UID (0008,0018) as a UID, found 'dccc9599"),
        Case.raw(
            "pydicomdata_emri_small_jpeg_2k_lossless_too_short.dcm",
            BAD_FILE,
            0xC000,
            "truncated: Pixel Data (7FE0,0010) ends after 11 items without a Sequence"
                + " Delimitation Item (FFFE,E0DD)"));
  }

  // static: JUnit fills an instance field only after @BeforeAll, even with one instance per class
  @TempDir static Path dir;

  private NodeProcess node;

  @BeforeAll
  void startNode() throws Exception {
    node =
        NodeProcess.start(
            dir.resolve("node"),
            new NodeProcess.Setup(
                    Map.of(
                        "series.inactivity-seconds", "1",
                        "spool.min-free-mb", "1",
                        "storage.sop-classes", CLASSES),
                    Map.of("STORESCU", "127.0.0.1", "ECHOSCU", "127.0.0.1", "RAWSCU", "127.0.0.1"),
                    List.of())
                // every stored file goes to the segment job, whatever its modality or plane, so
                // the reader's handling of its data is what the test sees
                .withRouting(Map.of("rules", "any", "rule.any.orientation", "any")));
  }

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Order(0)
  @Test
  void everyBrokenSampleHasACase() throws Exception {
    try (var files = Files.list(SharedData.path("dicom-samples/broken"))) {
      assertEquals(
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          cases().map(Case::file).sorted().toList());
    }
    assertEquals(17, cases().count());
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachFileIsRefusedOrRecordedWithItsReason(Case c) throws Exception {
    Path file = SharedData.path("dicom-samples/broken/" + c.file());
    RawStoreScu.Request request = RawStoreScu.request(file);
    int status = send(c, file, request);
    assertEquals(
        c.status(), status, c.file() + String.format(": status 0x%04X", status) + node.logTail());
    if (status == 0) {
      assertJobFailed(c, request);
    } else {
      assertRefused(c, request, status);
    }
    assertTrue(node.isAlive(), "node expected running after " + c.file());
  }

  @Order(2)
  @Test
  void nodeStillEchoesAndStoresAGoodInstance() throws Exception {
    Dcmtk.Result echo = Dcmtk.echo("ECHOSCU", "SEGNODE", node.port);
    assertEquals(0, echo.exitCode(), echo.output());
    Path good = SharedData.path("dicom-samples/transfer-syntax/siemens_trio_1_explicit_le.dcm");
    Dcmtk.Result stored = Dcmtk.store(node.port, good.toString());
    assertEquals(List.of(good), Dcmtk.acknowledged(stored.output()), stored.output());
    assertTrue(Files.isRegularFile(Headers.spooled(node.config().spoolDir(), good)));
  }

  /**
   * What an admin sees: each refusal with its status and reason, each stored broken file's job
   * FAILED with its reason.
   */
  @Order(3)
  @Test
  void statusShowsRefusalsAndFailedJobsWithTheirReasons() throws Exception {
    String status = node.cli("status", "--limit", "100");
    cases()
        .forEach(
            c -> {
              String state =
                  c.status() == 0 ? "state=FAILED" : String.format("status=0x%04X", c.status());
              assertTrue(
                  status.lines().anyMatch(l -> l.contains(state) && l.contains(c.reason())),
                  c.file() + ": " + state + " and reason expected in segnode status:\n" + status);
            });
  }

  /** The C-STORE status the node answered. */
  private int send(Case c, Path file, RawStoreScu.Request request) throws Exception {
    if (c.storescu() != null) {
      Dcmtk.Result sent = Dcmtk.store(node.port, c.storescu(), file.toString());
      assertTrue(sent.output().contains("Received Store Response"), sent.output());
      return Dcmtk.acknowledged(sent.output()).isEmpty() ? statusOf(sent.output()) : 0;
    }
    Dcmtk.Result refused = Dcmtk.store(node.port, file.toString());
    assertNotEquals(0, refused.exitCode(), refused.output());
    assertTrue(
        refused.output().contains(c.storescuRefusal() + file),
        "storescu expected to refuse the file itself: " + refused.output());
    return RawStoreScu.send(node.port, "RAWSCU", request).status();
  }

  /** storescu -v prints no status number: the refusals we answer, by dcmtk's names. */
  private static int statusOf(String output) {
    Map<String, Integer> names =
        Map.of(
            "Error: CannotUnderstand", 0xC000,
            "Error: DataSetDoesNotMatchSOPClass", 0xA900,
            "Refused: OutOfResources", 0xA700,
            "Refused: SOPClassNotSupported", 0x0122);
    return names.entrySet().stream()
        .filter(e -> output.contains("Received Store Response (" + e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("unexpected storescu output: " + output));
  }

  /** The node's log and its refusal table (what `segnode status` reads) both give the reason. */
  private void assertRefused(Case c, RawStoreScu.Request request, int status) throws Exception {
    String line =
        "refused instance "
            + request.sopInstanceUid()
            + String.format(": status 0x%04X: ", status)
            + c.reason();
    String log = Files.readString(node.dir.resolve("node.log"));
    assertTrue(log.contains(line), c.file() + ": expected '" + line + "' in\n" + node.logTail());
    // The latest: the two derived_truncated_* files share one SOP Instance UID.
    List<String> recorded =
        node.column(
            "SELECT reason FROM refused_instance WHERE sop_instance_uid = '"
                + request.sopInstanceUid()
                + "' ORDER BY id DESC");
    assertTrue(
        !recorded.isEmpty() && recorded.get(0).startsWith(c.reason()),
        c.file() + ": recorded refusals, latest first " + recorded);
  }

  /** Bounded: the job of the instance's series ends FAILED with the reader's reason. */
  private void assertJobFailed(Case c, RawStoreScu.Request request) throws Exception {
    String sql =
        "SELECT j.state || ' ' || COALESCE(j.reason, '') FROM job j JOIN instance i ON"
            + " i.series_uid = j.series_uid WHERE i.sop_instance_uid = '"
            + request.sopInstanceUid()
            + "' AND j.state IN ('DONE', 'FAILED')";
    long deadline = System.currentTimeMillis() + WAIT_MS;
    List<String> jobs = List.of();
    while (jobs.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      jobs = node.column(sql);
    }
    assertEquals(1, jobs.size(), c.file() + ": finished jobs " + jobs + "\n" + node.logTail());
    assertTrue(
        jobs.get(0).startsWith("FAILED ") && jobs.get(0).contains(c.reason()),
        c.file() + ": " + jobs.get(0));
  }
}
