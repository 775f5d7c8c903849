package org.segnode.node.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.ChaosPatient;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.series.CompletedSeries;

/**
 * Start-up recovery after what a power loss can leave: acknowledged spool files whose records were
 * lost (H2 does not force its commits), and a record whose file never became durable.
 */
class SpoolRecoveryTest {
  @TempDir static Path seriesDir;
  static List<Path> series;

  @BeforeAll
  static void writeMrSeries() throws Exception {
    series = new ChaosPatient(2).writeSeries(seriesDir, "spool-recovery-test");
  }

  @Test
  void lostRecordsAreRecordedAgainAndRecordsWithoutFileRemoved(@TempDir Path dir) throws Exception {
    List<Path> kept;
    NodeConfig config;
    try (NodeFixture node = NodeFixture.start(dir)) {
      Dcmtk.Result store = Dcmtk.store(node.port(), seriesDir.toString());
      assertEquals(0, store.exitCode(), store.output());
      kept = node.spoolFiles();
      config = node.config;
    }
    assertEquals(series.size(), kept.size());
    String lostRecord1 = sopUid(kept.get(0));
    String lostRecord2 = sopUid(kept.get(1));
    Path lostFile = kept.get(2);
    try (NodeDatabase db =
        NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
      db.deleteInstance(lostRecord1);
      db.deleteInstance(lostRecord2);
    }
    Files.delete(lostFile);

    try (NodeFixture node = NodeFixture.start(dir)) {
      NodeDatabase db = node.node.database();
      assertEquals(series.size() - 1, db.instanceCount());
      assertTrue(db.hasInstance(lostRecord1), "file without record recorded again");
      assertTrue(db.hasInstance(lostRecord2), "file without record recorded again");
      assertFalse(db.hasInstance(sopUid(lostFile)), "record without file removed");
      node.clock.advance(Duration.ofSeconds(6));
      List<CompletedSeries> done = node.node.tracker().poll();
      assertEquals(1, done.size(), "the interrupted run completes with the recovered files");
      assertEquals(series.size() - 1, done.get(0).instanceCount());
    }
  }

  @Test
  void consistentSpoolIsLeftAsItIs(@TempDir Path dir) throws Exception {
    try (NodeFixture node = NodeFixture.start(dir)) {
      assertEquals(0, Dcmtk.store(node.port(), seriesDir.toString()).exitCode());
    }
    try (NodeFixture node = NodeFixture.start(dir)) {
      assertEquals(series.size(), node.node.database().instanceCount());
      assertEquals(series.size(), node.spoolFiles().size());
    }
  }

  private static String sopUid(Path spoolFile) {
    String name = spoolFile.getFileName().toString();
    return name.substring(0, name.length() - ".dcm".length());
  }
}
