package org.segnode.node.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.series.CompletedSeries;
import org.segnode.node.series.SeriesRow;
import org.segnode.node.spool.SpoolOutput;

/** The Storage SCP against dcmtk's echoscu and storescu on loopback. */
class StoreScpTest {
  @TempDir static Path seriesDir;
  static List<Path> series;

  @BeforeAll
  static void writeMrSeries() throws Exception {
    series = new ChaosPatient(2).writeSeries(seriesDir, "store-scp-test");
  }

  @Test
  void echoSucceeds(@TempDir Path dir) throws Exception {
    try (NodeFixture node = NodeFixture.start(dir)) {
      Dcmtk.Result echo = Dcmtk.echo("ECHOSCU", "SEGNODE", node.port());
      assertEquals(0, echo.exitCode(), echo.output());
    }
  }

  @Test
  void storedSeriesIsDurableAndCompletesWhenClockAdvances(@TempDir Path dir) throws Exception {
    try (NodeFixture node = NodeFixture.start(dir)) {
      Dcmtk.Result store = Dcmtk.store(node.port(), seriesDir.toString());
      assertEquals(0, store.exitCode(), store.output());
      assertEquals(series.size(), node.node.database().instanceCount());
      AttributeList first = read(series.get(0));
      String study = string(first, TagFromName.StudyInstanceUID);
      String seriesUid = string(first, TagFromName.SeriesInstanceUID);
      for (Path sent : series) {
        AttributeList original = read(sent);
        Path kept =
            node.spool()
                .resolve(study)
                .resolve(seriesUid)
                .resolve(string(original, TagFromName.SOPInstanceUID) + ".dcm");
        assertTrue(Files.isRegularFile(kept), "expected in the spool: " + kept);
        assertArrayEquals(
            original.get(TagFromName.PixelData).getShortValues(),
            read(kept).get(TagFromName.PixelData).getShortValues(),
            "pixel data kept as sent");
      }
      assertEquals(List.of(), node.node.tracker().poll(), "not complete before the timeout");
      node.clock.advance(Duration.ofSeconds(6));
      List<CompletedSeries> done = node.node.tracker().poll();
      assertEquals(1, done.size());
      assertEquals(seriesUid, done.get(0).seriesUid());
      assertEquals(series.size(), done.get(0).instanceCount());
      assertEquals(done, node.completed);
      SeriesRow row = node.node.database().allSeries().get(0);
      assertEquals("COMPLETE", row.state());
      assertEquals(series.size(), row.instanceCount());
    }
  }

  @Test
  void unknownCallingAeIsRejectedAndNodeKeepsServing(@TempDir Path dir) throws Exception {
    try (NodeFixture node = NodeFixture.start(dir)) {
      Dcmtk.Result rejected = Dcmtk.echo("STRANGER", "SEGNODE", node.port());
      assertTrue(rejected.exitCode() != 0, rejected.output());
      assertTrue(rejected.output().contains("Calling AE Title Not Recognized"), rejected.output());
      Dcmtk.Result echo = Dcmtk.echo("ECHOSCU", "SEGNODE", node.port());
      assertEquals(0, echo.exitCode(), echo.output());
    }
  }

  @Test
  void wrongCalledAeIsRejected(@TempDir Path dir) throws Exception {
    try (NodeFixture node = NodeFixture.start(dir)) {
      Dcmtk.Result rejected = Dcmtk.echo("ECHOSCU", "OTHERNODE", node.port());
      assertTrue(rejected.exitCode() != 0, rejected.output());
      assertTrue(rejected.output().contains("Called AE Title Not Recognized"), rejected.output());
      assertEquals(0, Dcmtk.echo("ECHOSCU", "SEGNODE", node.port()).exitCode());
    }
  }

  @Test
  void ctImageIsRefusedAtNegotiation(@TempDir Path dir) throws Exception {
    Path ct = SharedData.path("dicom-samples/transfer-syntax/pydicom_CT_small.dcm");
    try (NodeFixture node = NodeFixture.start(dir)) {
      Dcmtk.Result store = Dcmtk.store(node.port(), ct.toString());
      assertTrue(store.exitCode() != 0, store.output());
      assertTrue(store.output().contains("No presentation context"), store.output());
      assertEquals(0, node.node.database().instanceCount());
      assertEquals(List.of(), node.spoolFiles());
      assertEquals(0, Dcmtk.echo("ECHOSCU", "SEGNODE", node.port()).exitCode());
    }
  }

  @Test
  void sameInstanceTwiceIsStoredOnce(@TempDir Path dir) throws Exception {
    try (NodeFixture node = NodeFixture.start(dir)) {
      String file = series.get(0).toString();
      assertEquals(0, Dcmtk.store(node.port(), file).exitCode());
      Dcmtk.Result again = Dcmtk.store(node.port(), file);
      assertEquals(0, again.exitCode(), again.output());
      assertEquals(1, node.node.database().instanceCount());
      assertEquals(1, node.spoolFiles().size(), node.spoolFiles().toString());
    }
  }

  @Test
  void spoolBelowWatermarkGivesOutOfResourcesAndNoFile(@TempDir Path dir) throws Exception {
    Map<String, String> settings = Map.of("spool.min-free-mb", "" + Integer.MAX_VALUE);
    try (NodeFixture node = NodeFixture.start(dir, settings, SpoolOutput::open)) {
      Dcmtk.Result store = Dcmtk.store(node.port(), series.get(0).toString());
      assertTrue(
          store.output().contains("Store Response (Refused: OutOfResources)"), store.output());
      assertEquals(0, node.node.database().instanceCount());
      assertEquals(List.of(), node.spoolFiles());
      assertTrue(node.node.database().refusalReasons().get(0).startsWith("0xA700"));
    }
  }

  @Test
  void writeFailureGivesOutOfResourcesAndNoPartialFile(@TempDir Path dir) throws Exception {
    SpoolOutput.Opener failing = file -> new FailingOutput(SpoolOutput.open(file), 2);
    try (NodeFixture node = NodeFixture.start(dir, Map.of("spool.min-free-mb", "1"), failing)) {
      Dcmtk.Result store = Dcmtk.store(node.port(), series.get(0).toString());
      assertTrue(
          store.output().contains("Store Response (Refused: OutOfResources)"), store.output());
      assertEquals(0, node.node.database().instanceCount());
      assertEquals(List.of(), node.spoolFiles(), "no partial file left");
      assertEquals(0, Dcmtk.echo("ECHOSCU", "SEGNODE", node.port()).exitCode());
    }
  }

  /** Writes {@code okWrites} chunks, then fails as a full disk does. */
  private record FailingOutput(SpoolOutput delegate, int okWrites, int[] writes)
      implements SpoolOutput {
    FailingOutput(SpoolOutput delegate, int okWrites) {
      this(delegate, okWrites, new int[1]);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (++writes[0] > okWrites) {
        throw new IOException("No space left on device");
      }
      delegate.write(bytes, offset, length);
    }

    @Override
    public void force() throws IOException {
      delegate.force();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  @Test
  void brokenFilesAreRefusedOrRecordedAndNodeStaysUp(@TempDir Path dir) throws Exception {
    Path broken = SharedData.path("dicom-samples/broken");
    List<Path> files;
    try (var list = Files.list(broken)) {
      files = list.sorted().toList();
    }
    assertEquals(17, files.size());
    try (NodeFixture node = NodeFixture.start(dir)) {
      for (Path file : files) {
        int storedBefore = node.node.database().instanceCount();
        int refusedBefore = node.node.database().refusalCount();
        Dcmtk.Result store = Dcmtk.store(node.port(), file.toString());
        boolean stored = node.node.database().instanceCount() == storedBefore + 1;
        boolean refusedByNode = node.node.database().refusalCount() == refusedBefore + 1;
        boolean refusedBySender = store.exitCode() != 0 && !store.output().isBlank();
        assertTrue(
            stored || refusedByNode || refusedBySender,
            file.getFileName()
                + ": expected stored, refused with a status or refused by storescu"
                + " with a message; storescu said: "
                + store.output());
        assertFalse(stored && refusedByNode, file.getFileName() + " both stored and refused");
      }
      assertEquals(0, Dcmtk.echo("ECHOSCU", "SEGNODE", node.port()).exitCode());
      for (String reason : node.node.database().refusalReasons()) {
        assertTrue(reason.length() > 8, "refusal with a reason: " + reason);
      }
    }
  }

  static AttributeList read(Path file) throws Exception {
    AttributeList list = new AttributeList();
    list.read(file.toFile());
    return list;
  }

  static String string(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag);
  }
}
