package org.segnode.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.inference.onnx.OnnxModel;
import org.segnode.inference.onnx.OnnxOptions;

/**
 * Times a model on one volume and prints a Markdown table row for the docs. Not a test: run it by
 * hand, e.g. {@code java -cp ... org.segnode.inference.InferenceBenchmark m.onnx image.nii.gz 2 4 5
 * [cudaDevice]} (threads, batch, timed runs after one warm-up). Reports the median run.
 */
public final class InferenceBenchmark {
  private InferenceBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: InferenceBenchmark MODEL.onnx INPUT(.nii.gz|DICOM dir) [threads] [batch] [runs]"
              + " [cudaDevice]");
      System.exit(2);
    }
    Path modelFile = Path.of(args[0]);
    Path input = Path.of(args[1]);
    int threads = intArg(args, 2, OnnxOptions.DEFAULT_THREADS);
    int batch = intArg(args, 3, Segmenter.DEFAULT_BATCH);
    int runs = intArg(args, 4, 5);
    int cuda = intArg(args, 5, OnnxOptions.CPU);
    ImageVolume image = read(input);
    try (OnnxModel model = OnnxModel.load(modelFile, new OnnxOptions(threads, cuda))) {
      Segmenter segmenter = new Segmenter(model, batch);
      segmenter.segment(image); // warm-up: first-run allocations and the probability check
      SegmentationResult.Timings[] timings = new SegmentationResult.Timings[runs];
      for (int r = 0; r < runs; r++) {
        timings[r] = segmenter.segment(image).timings();
      }
      System.out.println(row(model, input, image.grid(), threads, batch, cuda, timings));
    }
  }

  private static String row(
      OnnxModel model,
      Path input,
      Grid g,
      int threads,
      int batch,
      int cuda,
      SegmentationResult.Timings[] timings) {
    Arrays.sort(timings, (a, b) -> Double.compare(a.totalMs(), b.totalMs()));
    SegmentationResult.Timings median = timings[timings.length / 2];
    String device = cuda >= 0 ? "CUDA " + cuda : "CPU " + threads + " threads";
    return String.format(
        Locale.ROOT,
        "| %s %s | %s %dx%dx%d | %s, batch %d | %.1f ms/slice | %.0f ms/series"
            + " (pre %.0f, inference %.0f, post %.0f; median of %d) |",
        model.metadata().name(),
        model.metadata().version(),
        input.getFileName(),
        g.nx(),
        g.ny(),
        g.nz(),
        device,
        batch,
        median.inferenceMsPerSlice(),
        median.totalMs(),
        median.preprocessMs(),
        median.inferenceMs(),
        median.postprocessMs(),
        timings.length);
  }

  private static ImageVolume read(Path input) throws Exception {
    String name = input.getFileName().toString();
    if (!Files.isDirectory(input) && (name.endsWith(".nii") || name.endsWith(".nii.gz"))) {
      return NiftiReader.readImage(input);
    }
    return new DicomSeriesReader().read(input).volume();
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
