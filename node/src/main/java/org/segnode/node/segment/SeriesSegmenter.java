package org.segnode.node.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.segnode.imaging.dicom.DicomReadException;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.nifti.NiftiWriter;
import org.segnode.imaging.render.Overview;
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
 * Segments one series run into {@code <outbox>/<series UID>/<run>.dcm} with the model its routing
 * rule names, and when configured {@code <run>.nii.gz} (the labels) and {@code <run>.png} (an
 * {@link Overview}) beside it. Each distinct model is loaded once, at {@link #open}, and shared by
 * every job. Files appear by atomic rename, so a crash never leaves a half-written SEG, and a
 * re-run (after a crash) writes the same SEG with the same UIDs.
 */
public final class SeriesSegmenter implements AutoCloseable {
  /** Series Number of the SEGs the node writes. */
  public static final int SEG_SERIES_NUMBER = 300;

  public static final String REVIEW_LABEL = "NEEDS_REVIEW";
  private static final int LO_MAX = 64;

  private record Loaded(OnnxModel model, Segmenter segmenter) {}

  private final Map<Path, Loaded> models;
  private final Path outbox;
  private final boolean nifti;
  private final boolean overview;
  private final ReviewPolicy review;

  private SeriesSegmenter(Map<Path, Loaded> models, Path outbox, SegmentSettings settings) {
    this.models = models;
    this.outbox = outbox;
    this.nifti = settings.niftiOutput();
    this.overview = settings.overviewOutput();
    this.review = ReviewPolicy.of(settings);
  }

  /** With the node's own model only. */
  public static SeriesSegmenter open(SegmentSettings settings, Path outbox) throws ModelException {
    return open(settings, List.of(settings.modelPath()), outbox);
  }

  /** Loads each distinct model of {@code modelPaths}; the ones loaded are closed on a failure. */
  public static SeriesSegmenter open(
      SegmentSettings settings, Collection<Path> modelPaths, Path outbox) throws ModelException {
    Map<Path, Loaded> models = new LinkedHashMap<>();
    try {
      for (Path path : new LinkedHashSet<>(modelPaths)) {
        OnnxModel model = OnnxModel.load(path);
        models.put(path, new Loaded(model, new Segmenter(model)));
      }
    } catch (ModelException | RuntimeException e) {
      models.values().forEach(m -> m.model().close());
      throw e;
    }
    return new SeriesSegmenter(models, outbox, settings);
  }

  /** Metadata of every loaded model, by path. */
  public Map<Path, ModelMetadata> models() {
    Map<Path, ModelMetadata> metadata = new LinkedHashMap<>();
    models.forEach((path, loaded) -> metadata.put(path, loaded.model().metadata()));
    return metadata;
  }

  public Path outbox() {
    return outbox;
  }

  /**
   * Reads {@code files} (the run's instances), segments them with the model at {@code modelPath}
   * (one passed to {@link #open}) and writes the outputs.
   */
  public SegmentOutcome segment(String seriesUid, int run, List<Path> files, Path modelPath)
      throws IOException, DicomReadException {
    Loaded loaded = models.get(modelPath);
    if (loaded == null) {
      throw new IllegalArgumentException(
          "expected a model loaded at start " + models.keySet() + ", found " + modelPath);
    }
    DicomSeries series = new DicomSeriesReader().read(files);
    long start = System.nanoTime();
    SegmentationResult result = loaded.segmenter().segment(series.volume());
    double msPerSlice = (System.nanoTime() - start) / 1e6 / Math.max(1, series.slices().size());
    ModelMetadata metadata = loaded.model().metadata();
    String why = review.reason(result, metadata);
    Path dir = Files.createDirectories(outbox.resolve(seriesUid));
    Path seg = dir.resolve(run + ".dcm");
    List<SegmentDefinition> segments = metadata.labels().stream().map(ModelLabel::segment).toList();
    SegOptions options = segOptions(seriesUid, run, metadata, why);
    atomically(seg, tmp -> SegWriter.write(series, result.labels(), segments, options, tmp));
    Path niftiFile =
        optional(nifti, dir.resolve(run + ".nii.gz"), t -> NiftiWriter.write(result.labels(), t));
    Path png =
        optional(
            overview,
            dir.resolve(run + ".png"),
            t -> Overview.write(series.volume(), result.labels(), segments, t));
    double liverMl = result.volumesMl().getOrDefault(ReviewPolicy.liverLabel(metadata), 0.0);
    return new SegmentOutcome(seg, niftiFile, png, why, liverMl, result.confidence(), msPerSlice);
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

  /** Writes {@code target} atomically when {@code wanted}; returns it, or null when not. */
  private static Path optional(boolean wanted, Path target, Writer writer) throws IOException {
    if (!wanted) {
      return null;
    }
    atomically(target, writer);
    return target;
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
    models.values().forEach(m -> m.model().close());
  }
}
