package org.segnode.inference.cli;

import java.nio.file.Path;
import org.segnode.inference.Segmenter;
import org.segnode.inference.onnx.ModelException;
import org.segnode.inference.onnx.OnnxModel;
import org.segnode.inference.onnx.OnnxOptions;
import picocli.CommandLine.Option;

/** The options every command that runs a model shares. */
final class ModelOptions {
  @Option(names = "--model", required = true, paramLabel = "MODEL.onnx", description = "model")
  Path model;

  @Option(
      names = "--threads",
      defaultValue = "" + OnnxOptions.DEFAULT_THREADS,
      description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--batch",
      defaultValue = "" + Segmenter.DEFAULT_BATCH,
      description = "slices per model run (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--cuda",
      paramLabel = "DEVICE",
      defaultValue = "" + OnnxOptions.CPU,
      description = "run on this CUDA device (needs the onnxruntime_gpu build); default CPU")
  int cudaDevice;

  OnnxModel open() throws ModelException {
    return OnnxModel.load(model, new OnnxOptions(threads, cudaDevice));
  }

  Segmenter segmenter(OnnxModel loaded) {
    return new Segmenter(loaded, batch);
  }

  /** Usage errors in these options, or null. */
  String problem() {
    if (threads < 1 || batch < 1 || cudaDevice < OnnxOptions.CPU) {
      return "expected --threads >= 1, --batch >= 1 and --cuda >= 0, found "
          + threads
          + ", "
          + batch
          + ", "
          + cudaDevice;
    }
    return null;
  }
}
