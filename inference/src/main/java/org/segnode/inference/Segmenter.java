package org.segnode.inference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segnode.imaging.postprocess.ProbabilityMaps;
import org.segnode.imaging.preprocess.Preprocessed;
import org.segnode.imaging.preprocess.Preprocessor;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.inference.model.ModelMetadata;
import org.segnode.inference.onnx.ModelException;
import org.segnode.inference.onnx.OnnxModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments a volume with a model, exactly as the model's metadata prescribes, and returns labels on
 * the volume's own grid. Steps: the model's preprocessing spec; padding of each slice to the
 * model's divisor where the spec left it short ({@link Canvas}); 2.5D channels ({@link
 * SliceContext}); the model in batches of slices; the exact inverse mapping of the probabilities to
 * the source grid; argmax (channels without a model label never win); the model's post-processing.
 * The same model and volume always give the same labels.
 */
public final class Segmenter {
  public static final int DEFAULT_BATCH = 4;
  private static final Logger LOG = LoggerFactory.getLogger(Segmenter.class);

  private final OnnxModel model;
  private final ModelMetadata metadata;
  private final int batchSize;
  private final boolean fixedBatch;

  public Segmenter(OnnxModel model) {
    this(model, DEFAULT_BATCH);
  }

  /**
   * @param batchSize slices per model run; a model whose batch dimension is fixed gets exactly its
   *     own batch size instead
   */
  public Segmenter(OnnxModel model, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("expected a batch size >= 1, found " + batchSize);
    }
    this.model = model;
    this.metadata = model.metadata();
    long modelBatch = model.inputShape()[0];
    this.fixedBatch = modelBatch > 0;
    this.batchSize = fixedBatch ? (int) modelBatch : batchSize;
  }

  /** The labels of {@code image}, on its grid. */
  public SegmentationResult segment(ImageVolume image) throws ModelException {
    long t0 = System.nanoTime();
    Preprocessed pre = Preprocessor.apply(image, metadata.preprocessing());
    Canvas canvas = canvas(pre.image().grid());
    long t1 = System.nanoTime();
    float[] onModelGrid = infer(pre.image(), canvas);
    long t2 = System.nanoTime();
    float[] probabilities = pre.toSource(onModelGrid, metadata.classes());
    LabelVolume labels = labels(image.grid(), probabilities);
    double confidence = confidence(labels, probabilities);
    long t3 = System.nanoTime();
    var timings =
        new SegmentationResult.Timings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), image.grid().nz());
    LOG.info(
        "segmented {} slices with {} {}: {} ms per slice, {} ms in all",
        timings.slices(),
        metadata.name(),
        metadata.version(),
        Math.round(timings.inferenceMsPerSlice()),
        Math.round(timings.totalMs()));
    return new SegmentationResult(labels, volumes(labels), confidence, timings);
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  private Canvas canvas(Grid modelGrid) throws ModelException {
    try {
      Canvas canvas = Canvas.of(modelGrid, metadata.divisor(), model.inputShape());
      if (canvas.padded()) {
        LOG.debug(
            "padding {}x{} slices to {}x{}",
            canvas.nx(),
            canvas.ny(),
            canvas.width(),
            canvas.height());
      }
      return canvas;
    } catch (IllegalArgumentException e) {
      throw new ModelException("model " + model.file().getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** The model's probabilities on the model grid, per slice channel-major (NCHW, N = slices). */
  private float[] infer(ImageVolume modelImage, Canvas canvas) throws ModelException {
    Grid grid = modelImage.grid();
    int classes = metadata.classes();
    int plane = grid.sliceSize();
    float[] out = new float[grid.voxelCount() * classes];
    float pad = (float) metadata.preprocessing().padValue();
    for (int k0 = 0; k0 < grid.nz(); k0 += batchSize) {
      int count = Math.min(batchSize, grid.nz() - k0);
      int n = fixedBatch ? batchSize : count;
      float[] input = batch(modelImage, canvas, k0, count, n, pad);
      float[] probs = model.run(input, n, canvas.height(), canvas.width());
      for (int b = 0; b < count; b++) {
        for (int c = 0; c < classes; c++) {
          int from = (b * classes + c) * canvas.planeSize();
          canvas.crop(probs, from, out, ((k0 + b) * classes + c) * plane);
        }
      }
    }
    return out;
  }

  /** Input for slices {@code k0 .. k0+count-1}; a fixed batch is filled up with padding. */
  private float[] batch(ImageVolume image, Canvas canvas, int k0, int count, int n, float pad) {
    Grid grid = image.grid();
    int channels = metadata.inputChannels();
    float[] input = new float[n * channels * canvas.planeSize()];
    Arrays.fill(input, count * channels * canvas.planeSize(), input.length, pad);
    for (int b = 0; b < count; b++) {
      for (int c = 0; c < channels; c++) {
        int source = SliceContext.sourceSlice(grid, metadata.context(), k0 + b, c);
        int to = (b * channels + c) * canvas.planeSize();
        canvas.place(image.voxels(), source * grid.sliceSize(), input, to, pad);
      }
    }
    return input;
  }

  /** Argmax over the model's labels, then the model's post-processing. */
  private LabelVolume labels(Grid grid, float[] probabilities) {
    int classes = metadata.classes();
    boolean[] isLabel = new boolean[classes];
    for (int v : metadata.labelValues()) {
      isLabel[v] = true;
    }
    float[] maps = probabilities;
    for (int c = 1; c < classes; c++) {
      if (!isLabel[c]) {
        // a channel the model was never given a label for must not win a voxel from channel 0
        maps = maps == probabilities ? probabilities.clone() : maps;
        zeroChannel(maps, grid, classes, c);
      }
    }
    return metadata.postprocessing().apply(ProbabilityMaps.argmax(grid, maps, classes));
  }

  private static void zeroChannel(float[] maps, Grid grid, int classes, int c) {
    int plane = grid.sliceSize();
    for (int k = 0; k < grid.nz(); k++) {
      int from = (k * classes + c) * plane;
      Arrays.fill(maps, from, from + plane, 0f);
    }
  }

  private double confidence(LabelVolume labels, float[] probabilities) {
    Grid grid = labels.grid();
    int plane = grid.sliceSize();
    byte[] l = labels.labels();
    double sum = 0;
    long count = 0;
    for (int v = 0; v < l.length; v++) {
      int label = l[v] & 0xff;
      if (label != 0) {
        int k = v / plane;
        sum += probabilities[(k * metadata.classes() + label) * plane + v % plane];
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private Map<Integer, Double> volumes(LabelVolume labels) {
    Map<Integer, Double> volumes = new LinkedHashMap<>();
    for (int v : metadata.labelValues()) {
      volumes.put(v, labels.volumeMl(v));
    }
    return volumes;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
