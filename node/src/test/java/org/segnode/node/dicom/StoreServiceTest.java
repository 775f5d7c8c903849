package org.segnode.node.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.TestClock;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.series.SeriesTracker;
import org.segnode.node.spool.Spool;
import org.segnode.node.spool.SpoolOutput;

/** Refusals that dcmtk's storescu cannot provoke, driven through the service directly. */
class StoreServiceTest {
  private static final String MR = NodeConfig.MR_IMAGE_STORAGE;
  private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

  private static StoreRequest request(String commandClass, String contextClass) {
    return new StoreRequest(
        (byte) 1, contextClass, "1.2.840.10008.1.2.1", commandClass, "1.2.3.4.5", 7, "PACS");
  }

  private static StoreService service(Path dir, NodeDatabase db) throws Exception {
    TestClock clock = new TestClock();
    Spool spool = Spool.open(dir.resolve("spool"), 0, SpoolOutput::open);
    SeriesTracker tracker = SeriesTracker.start(clock, Duration.ofSeconds(5), db, s -> {});
    return new StoreService(spool, db, tracker, Set.of(MR), "SEGNODE", clock);
  }

  @Test
  void commandForAnUnacceptedSopClassGets0122(@TempDir Path dir) throws Exception {
    try (NodeDatabase db = NodeDatabase.open("jdbc:h2:mem:s1", "sa", "")) {
      StoreOperation op = service(dir, db).begin(request(CT, MR));
      op.data(new byte[] {1, 2, 3, 4});
      StoreService.Outcome outcome = op.end();
      assertEquals(DimseStatus.SOP_CLASS_NOT_SUPPORTED, outcome.response().status());
      assertEquals("SOP class not accepted: " + CT, outcome.response().comment());
      assertEquals(List.of("0x0122 SOP class not accepted: " + CT), db.refusalReasons());
    }
  }

  @Test
  void dataSetWithoutSopInstanceUidGetsC000AndLeavesNoFile(@TempDir Path dir) throws Exception {
    try (NodeDatabase db = NodeDatabase.open("jdbc:h2:mem:s2", "sa", "")) {
      StoreOperation op = service(dir, db).begin(request(MR, MR));
      // Only Modality (0008,0060) CS "MR", explicit VR little endian.
      op.data(new byte[] {8, 0, 0x60, 0, 'C', 'S', 2, 0, 'M', 'R'});
      StoreService.Outcome outcome = op.end();
      assertEquals(DimseStatus.CANNOT_UNDERSTAND, outcome.response().status());
      assertEquals(
          "expected SOP Instance UID (0008,0018), found none", outcome.response().comment());
      try (var files = Files.walk(dir.resolve("spool"))) {
        assertEquals(0, files.filter(Files::isRegularFile).count());
      }
    }
  }

  /** Explicit VR little endian element with a 2-byte length, its value padded to even length. */
  private static void element(ByteArrayOutputStream out, int group, int element, String value) {
    String even = value.length() % 2 == 0 ? value : value + "\0";
    out.writeBytes(new byte[] {(byte) group, (byte) (group >> 8), (byte) element, 0, 'U', 'I'});
    out.writeBytes(new byte[] {(byte) even.length(), 0});
    out.writeBytes(even.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void dataSetCutInsidePixelDataGetsC000AndLeavesNoFile(@TempDir Path dir) throws Exception {
    try (NodeDatabase db = NodeDatabase.open("jdbc:h2:mem:s3", "sa", "")) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      element(data, 0x0008, 0x16, MR);
      element(data, 0x0008, 0x18, "1.2.3.4.5");
      element(data, 0x0020, 0x0d, "1.2.3");
      element(data, 0x0020, 0x0e, "1.2.3.4");
      // Pixel Data (7FE0,0010) OW declaring 8 bytes, of which 3 arrive.
      data.writeBytes(new byte[] {(byte) 0xe0, 0x7f, 0x10, 0, 'O', 'W', 0, 0, 8, 0, 0, 0, 1, 2, 3});
      StoreOperation op = service(dir, db).begin(request(MR, MR));
      op.data(data.toByteArray());
      StoreService.Outcome outcome = op.end();
      String reason = "truncated: Pixel Data (7FE0,0010) declares 8 bytes, 3 remain";
      assertEquals(DimseStatus.CANNOT_UNDERSTAND, outcome.response().status());
      assertEquals(reason, outcome.response().comment());
      assertEquals(List.of("0xC000 " + reason), db.refusalReasons());
      try (var files = Files.walk(dir.resolve("spool"))) {
        assertEquals(0, files.filter(Files::isRegularFile).count());
      }
    }
  }

  @Test
  void errorCommentsAreCutTo64Characters() {
    String comment = DimseStatus.of(new RuntimeException("x".repeat(200) + "\\")).comment();
    assertEquals(64, comment.length());
    assertTrue(comment.startsWith("processing failure: xxx"));
  }
}
