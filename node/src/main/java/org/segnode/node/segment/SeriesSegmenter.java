package org.segnode.node.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.segnode.imaging.dicom.DicomReadException;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.nifti.NiftiWriter;
import org.segnode.imaging.seg.SegOptions;
import org.segnode.imaging.seg.SegWriter;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.inference.SegmentationResult;
import org.segnode.inference.Segmenter;
import org.segnode.inference.model.ModelLabel;
import org.segnode.inference.model.ModelMetadata;
import org.segnode.inference.onnx.ModelException;
import org.segnode.inference.onnx.OnnxModel;
import org.segnode.node.config.SegmentSettings;

/**
 * Segments one series run into {@code <outbox>/<series UID>/<run>.dcm}. The model is loaded once
 * and shared by every job. Files appear by atomic rename, so a crash never leaves a half-written
 * SEG, and a re-run (after a crash) writes the same SEG with the same UIDs.
 */
public final class SeriesSegmenter implements AutoCloseable {
  /** Series Number of the SEGs the node writes. */
  public static final int SEG_SERIES_NUMBER = 300;

  public static final String REVIEW_LABEL = "NEEDS_REVIEW";
  private static final int LO_MAX = 64;

  private final OnnxModel model;
  private final Segmenter segmenter;
  private final Path outbox;
  private final boolean nifti;
  private final ReviewPolicy review;

  private SeriesSegmenter(OnnxModel model, Path outbox, SegmentSettings settings) {
    this.model = model;
    this.segmenter = new Segmenter(model);
    this.outbox = outbox;
    this.nifti = settings.niftiOutput();
    this.review = ReviewPolicy.of(settings);
  }

  public static SeriesSegmenter open(SegmentSettings settings, Path outbox) throws ModelException {
    return new SeriesSegmenter(OnnxModel.load(settings.modelPath()), outbox, settings);
  }

  public ModelMetadata metadata() {
    return model.metadata();
  }

  public Path outbox() {
    return outbox;
  }

  /** Reads {@code files} (the run's instances), segments them and writes the outputs. */
  public SegmentOutcome segment(String seriesUid, int run, List<Path> files)
      throws IOException, DicomReadException {
    DicomSeries series = new DicomSeriesReader().read(files);
    long start = System.nanoTime();
    SegmentationResult result = segmenter.segment(series.volume());
    double msPerSlice = (System.nanoTime() - start) / 1e6 / Math.max(1, series.slices().size());
    ModelMetadata metadata = model.metadata();
    String why = review.reason(result, metadata);
    Path dir = Files.createDirectories(outbox.resolve(seriesUid));
    Path seg = dir.resolve(run + ".dcm");
    List<SegmentDefinition> segments = metadata.labels().stream().map(ModelLabel::segment).toList();
    SegOptions options = segOptions(seriesUid, run, metadata, why);
    atomically(seg, tmp -> SegWriter.write(series, result.labels(), segments, options, tmp));
    Path niftiFile = null;
    if (nifti) {
      niftiFile = dir.resolve(run + ".nii.gz");
      atomically(niftiFile, tmp -> NiftiWriter.write(result.labels(), tmp));
    }
    double liverMl = result.volumesMl().getOrDefault(ReviewPolicy.liverLabel(metadata), 0.0);
    return new SegmentOutcome(seg, niftiFile, why, liverMl, result.confidence(), msPerSlice);
  }

  /**
   * SEG identity: the seed names the series run and the model version, so a re-run gives the same
   * UIDs (the destination sees one object) while a new run or model gives new ones.
   */
  static SegOptions segOptions(String seriesUid, int run, ModelMetadata metadata, String review) {
    String seed = uidSeed(seriesUid, run, metadata.name(), metadata.version());
    String description = "SegNode " + metadata.name() + " " + metadata.version();
    SegOptions options =
        SegOptions.defaults(seed).withAlgorithm(metadata.name(), metadata.version());
    if (review == null) {
      return options.withSeries(SEG_SERIES_NUMBER, cut(description));
    }
    return options
        .withSeries(SEG_SERIES_NUMBER, cut(description + " REVIEW: " + review))
        .withContent(REVIEW_LABEL, cut("Needs review: " + review));
  }

  /**
   * The seed of a SEG's UIDs ({@code StableUids.of(seed, "sop")} is its SOP Instance UID): public
   * so that a check outside the node can tell which UID a series run must come back with.
   */
  public static String uidSeed(String seriesUid, int run, String modelName, String modelVersion) {
    return seriesUid + "|run " + run + "|segnode|" + modelName + "|" + modelVersion;
  }

  private static String cut(String value) {
    return value.length() <= LO_MAX ? value : value.substring(0, LO_MAX);
  }

  @FunctionalInterface
  private interface Writer {
    void write(Path file) throws IOException;
  }

  /** Writes beside the target, then renames: readers see the old file or the whole new one. */
  private static void atomically(Path target, Writer writer) throws IOException {
    String name = target.getFileName().toString();
    Path tmp = target.resolveSibling(".tmp-" + name);
    try {
      writer.write(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
