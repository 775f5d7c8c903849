package org.segnode.node.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.dicom.SourceSlice;
import org.segnode.imaging.seg.SegRasterizer;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.inference.Segmenter;
import org.segnode.inference.TinyModelAccess;
import org.segnode.inference.onnx.OnnxModel;
import org.segnode.node.Poll;
import org.segnode.node.config.NodeConfig;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.db.StoredInstance;
import org.segnode.node.segment.SeriesSegmenter;
import org.segnode.node.series.CompletedSeries;

class JobQueueTest {
  private static final long WAIT_MS = 30_000;

  @TempDir Path dir;
  NodeConfig config;
  NodeDatabase db;
  SeriesSegmenter segmenter;
  private JobQueue queue;
  private CompletedSeries completed;

  void setUp(float gain) throws Exception {
    setUp(gain, "");
  }

  void setUp(float gain, String moreSettings) throws Exception {
    Path model = TinyModelAccess.liver(dir.resolve("model.onnx"), gain);
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(
        dir.resolve("conf/segnode.properties"),
        "model.path="
            + model
            + "\nreview.liver-ml.min=0\nreview.min-confidence=0.5\n"
            + moreSettings
            + databaseSettings());
    Files.writeString(dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "STORESCU=127.0.0.1\n");
    Files.writeString(
        dir.resolve("ae-config/destinations.properties"),
        "destination.pacs.ae=PACS\ndestination.pacs.host=127.0.0.1\ndestination.pacs.port=11113\n");
    config = NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
    db = NodeDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    segmenter = SeriesSegmenter.open(config.segment(), config.outboxDir());
    completed = receive(writeSeries());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (queue != null) {
      queue.close();
    }
    if (segmenter != null) {
      segmenter.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** A 32 x 32 x 4 volume, bright in a central block: label 1 there with the tiny model. */
  private DicomSeries writeSeries() throws Exception {
    Grid grid = Grid.axial(32, 32, 4, 10, 10, 10);
    float[] voxels = new float[grid.voxelCount()];
    for (int k = 0; k < 4; k++) {
      for (int j = 8; j < 24; j++) {
        for (int i = 8; i < 24; i++) {
          voxels[grid.index(i, j, k)] = 1000;
        }
      }
    }
    Path seriesDir = config.spoolDir().resolve("series");
    new DicomSeriesWriter()
        .write(new ImageVolume(grid, voxels), seriesDir, DicomSeriesWriter.Options.withSeed("q"));
    return new DicomSeriesReader().read(seriesDir);
  }

  private CompletedSeries receive(DicomSeries series) throws Exception {
    String seriesUid = series.seriesInstanceUid();
    String studyUid = series.studyInstanceUid();
    int run = db.openRun(seriesUid, studyUid, Instant.now());
    for (SourceSlice s : series.slices()) {
      db.insertInstance(
          new StoredInstance(
              s.sopInstanceUid(),
              s.sopClassUid(),
              "1.2.840.10008.1.2.1",
              studyUid,
              seriesUid,
              run,
              s.file(),
              Files.size(s.file()),
              "STORESCU",
              Instant.now()));
    }
    int count = db.completeRun(seriesUid, run, Instant.now()).getAsInt();
    return new CompletedSeries(studyUid, seriesUid, run, count, Instant.now());
  }

  /** Lines for segnode.properties choosing the database; none: the embedded H2 default. */
  String databaseSettings() throws Exception {
    return "";
  }

  private JobQueue newQueue() throws Exception {
    return JobQueue.create(
        config, QuartzSettings.defaults(), db, segmenter, ExportQueue.LOG_ONLY, Clock.systemUTC());
  }

  private JobRow awaitFinished() throws Exception {
    return Poll.until(
            WAIT_MS,
            () -> queue.table().all(),
            rows -> rows.size() == 1 && rows.get(0).finished(),
            "a finished job")
        .get(0);
  }

  private List<Path> outboxFiles() throws Exception {
    Path outbox = config.outboxDir().resolve(completed.seriesUid());
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (var files = Files.list(outbox)) {
      return files.sorted().toList();
    }
  }

  @Test
  void completedSeriesGivesOneSegWithTheSegmentersLabels() throws Exception {
    setUp(1000f);
    queue = newQueue();
    queue.start();
    queue.seriesCompleted(completed);
    JobRow job = awaitFinished();

    assertEquals(JobRow.DONE, job.state(), "job " + job);
    assertNull(job.review(), "review flag");
    assertEquals(List.of(Path.of(job.segPath())), outboxFiles());
    DicomSeries series =
        new DicomSeriesReader()
            .read(queue.table().instancePaths(completed.seriesUid(), completed.run()));
    byte[] viaQueue =
        SegRasterizer.onto(
                SegReader.read(Path.of(job.segPath())), series.volume().grid(), series.slices())
            .labels()
            .labels();
    try (OnnxModel model = OnnxModel.load(config.segment().modelPath())) {
      byte[] direct = new Segmenter(model).segment(series.volume()).labels().labels();
      assertArrayEquals(direct, viaQueue);
      assertTrue(new String(direct).chars().anyMatch(c -> c == 1), "some liver expected");
    }
    assertEquals(List.of("pacs PENDING"), queue.table().exports(job.id()));
  }

  @Test
  void overviewOnWritesADecodablePngBesideTheSeg() throws Exception {
    setUp(1000f, "output.overview=true\n");
    queue = newQueue();
    queue.start();
    queue.seriesCompleted(completed);
    JobRow job = awaitFinished();

    assertEquals(JobRow.DONE, job.state(), "job " + job);
    Path seg = Path.of(job.segPath());
    Path png = seg.resolveSibling(completed.run() + ".png");
    assertEquals(List.of(seg, png), outboxFiles());
    BufferedImage overview = ImageIO.read(png.toFile());
    assertNotNull(overview, "PNG decodes");
    assertEquals(2 * 32, overview.getWidth(), "two tiles of 32 pixels across for 4 slices");
    int[] liver = segmenter.models().values().iterator().next().labels().get(0).segment().rgb();
    int colour = liver[0] << 16 | liver[1] << 8 | liver[2];
    int[] px = overview.getRGB(0, 0, overview.getWidth(), 32, null, 0, overview.getWidth());
    assertTrue(IntStream.of(px).anyMatch(p -> (p & 0xffffff) == colour), "liver outline pixels");
  }

  @Test
  void queuedJobSurvivesASchedulerRestart() throws Exception {
    setUp(1000f);
    try (JobQueue standby = newQueue()) {
      standby.seriesCompleted(completed);
      assertEquals(JobRow.QUEUED, standby.table().all().get(0).state());
    }
    assertEquals(List.of(), outboxFiles(), "nothing may run before start");
    queue = newQueue();
    queue.start();
    assertEquals(JobRow.DONE, awaitFinished().state());
    assertEquals(1, outboxFiles().size());
  }

  /** A crash after the run was recorded COMPLETE but before its job was queued. */
  @Test
  void runCompletedWithoutAJobIsQueuedAtStart() throws Exception {
    setUp(1000f);
    queue = newQueue();
    assertEquals(List.of(), queue.table().all(), "no job before start");
    queue.start();
    assertEquals(JobRow.DONE, awaitFinished().state());
    assertEquals(1, outboxFiles().size());
  }

  @Test
  void secondCompletionOfTheSameRunDoesNotRunTwice() throws Exception {
    setUp(1000f);
    queue = newQueue();
    queue.start();
    queue.seriesCompleted(completed);
    queue.seriesCompleted(completed);
    JobRow job = awaitFinished();
    queue.seriesCompleted(completed);
    queue.close();
    queue = null;

    assertEquals(1, job.attempts(), "attempts");
    assertEquals(1, new JobTable(db).all().size(), "job rows");
    assertEquals(1, outboxFiles().size(), "outbox files");
  }

  @Test
  void emptyResultIsFlaggedForReview() throws Exception {
    setUp(0f);
    queue = newQueue();
    queue.start();
    queue.seriesCompleted(completed);
    JobRow job = awaitFinished();

    assertEquals(JobRow.DONE, job.state(), "job " + job);
    assertEquals("no liver found", job.review());
    AttributeList seg = new AttributeList();
    seg.read(job.segPath());
    String description =
        Attribute.getSingleStringValueOrEmptyString(seg, TagFromName.SeriesDescription);
    assertTrue(description.endsWith("REVIEW: no liver found"), description);
    assertEquals(
        SeriesSegmenter.REVIEW_LABEL,
        Attribute.getSingleStringValueOrEmptyString(seg, TagFromName.ContentLabel));
    assertFalse(queue.table().exports(job.id()).isEmpty(), "flagged results are still exported");
  }

  @Test
  void runWhoseHeaderCannotBeReadIsRecordedFailedNotLost() throws Exception {
    setUp(1000f);
    Files.delete(queue().table().firstInstance(completed.seriesUid(), completed.run()));
    queue.seriesCompleted(completed);

    JobRow job = queue.table().all().get(0);
    assertEquals(JobRow.FAILED, job.state(), "job " + job);
    assertTrue(job.reason().startsWith("cannot read header for routing: "), job.reason());
    assertEquals(0, job.attempts(), "never run");
  }

  private JobQueue queue() throws Exception {
    queue = newQueue();
    return queue;
  }
}
