package org.segnode.inference.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.segnode.inference.model.ModelMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SegNode model loaded into ONNX Runtime, checked against the contract of {@link ModelMetadata}
 * before anything runs: valid metadata, one float NCHW input with {@code 1 + 2*context} channels,
 * one float NCHW output with one channel per class.
 *
 * <p>The output must be probabilities (the network ends in a Softmax over channels). Logits are
 * refused rather than silently soft-maxed here, because the confidence figure and the bilinear
 * inverse mapping both read the values as probabilities, and a model exported without its Softmax
 * is more likely a wrong export than a deliberate choice. The first {@link #run} checks that the
 * channels of every voxel sum to 1.
 *
 * <p>Thread-safe: ONNX Runtime sessions may be run concurrently.
 */
public final class OnnxModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);
  private static final double SUM_TOLERANCE = 1e-3;

  private final Path file;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final ModelMetadata metadata;
  private final ModelSignature signature;
  private volatile boolean outputChecked;

  private OnnxModel(
      Path file,
      OrtEnvironment env,
      OrtSession.SessionOptions sessionOptions,
      OrtSession session,
      ModelMetadata metadata,
      ModelSignature signature) {
    this.file = file;
    this.env = env;
    this.sessionOptions = sessionOptions;
    this.session = session;
    this.metadata = metadata;
    this.signature = signature;
  }

  /** Loads {@code file} on the CPU with the default thread count. */
  public static OnnxModel load(Path file) throws ModelException {
    return load(file, OnnxOptions.defaults());
  }

  /** Loads and checks {@code file}; every failure names the file and what was expected. */
  public static OnnxModel load(Path file, OnnxOptions options) throws ModelException {
    if (!Files.isRegularFile(file)) {
      throw new ModelException(name(file) + ": expected an ONNX model file, found none");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    OrtSession.SessionOptions sessionOptions = sessionOptions(file, options);
    OrtSession session = null;
    try {
      session = env.createSession(file.toString(), sessionOptions);
      ModelMetadata metadata = ModelMetadata.parse(session.getMetadata().getCustomMetadata());
      ModelSignature signature =
          ModelSignature.check(session.getInputInfo(), session.getOutputInfo(), metadata);
      LOG.info("loaded model {} {} from {}", metadata.name(), metadata.version(), file);
      return new OnnxModel(file, env, sessionOptions, session, metadata, signature);
    } catch (OrtException e) {
      closeQuietly(session, sessionOptions);
      throw new ModelException(
          name(file) + ": not a readable ONNX model (ONNX Runtime: " + oneLine(e) + ")", e);
    } catch (IllegalArgumentException e) {
      closeQuietly(session, sessionOptions);
      throw new ModelException(name(file) + ": " + e.getMessage(), e);
    }
  }

  private static OrtSession.SessionOptions sessionOptions(Path file, OnnxOptions options)
      throws ModelException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    try {
      o.setIntraOpNumThreads(options.intraOpThreads());
      o.setInterOpNumThreads(1);
    } catch (OrtException e) {
      o.close();
      throw new ModelException(name(file) + ": cannot set threads: " + oneLine(e), e);
    }
    if (options.cudaDevice() != OnnxOptions.CPU) {
      addCuda(file, o, options.cudaDevice());
    }
    return o;
  }

  private static void addCuda(Path file, OrtSession.SessionOptions o, int device)
      throws ModelException {
    try {
      o.addCUDA(device);
    } catch (OrtException | RuntimeException e) {
      o.close();
      throw new ModelException(
          name(file)
              + ": CUDA device "
              + device
              + " requested but unavailable (this build offers "
              + OrtEnvironment.getAvailableProviders()
              + "; CUDA needs -Donnxruntime.artifact=onnxruntime_gpu and a GPU): "
              + oneLine(e),
          e);
    }
  }

  public Path file() {
    return file;
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  /** The input shape NCHW; a dimension the model leaves free is -1. */
  public long[] inputShape() {
    return signature.inputShape().clone();
  }

  /**
   * Runs {@code n} images of {@code h x w} with the model's input channels ({@code nchw} in NCHW
   * order) and returns the probabilities, NCHW with one channel per class.
   */
  public float[] run(float[] nchw, int n, int h, int w) throws ModelException {
    int channels = metadata.inputChannels();
    if (nchw.length != (long) n * channels * h * w) {
      throw new IllegalArgumentException(
          "expected " + n + "x" + channels + "x" + h + "x" + w + " values, found " + nchw.length);
    }
    long[] shape = {n, channels, h, w};
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), shape);
        OrtSession.Result result = session.run(Map.of(signature.inputName(), input))) {
      float[] out = probabilities(result.get(0), n, h, w);
      checkProbabilities(out, n, h * w);
      return out;
    } catch (OrtException e) {
      throw new ModelException(
          name(file) + ": inference failed on " + Arrays.toString(shape) + ": " + oneLine(e), e);
    }
  }

  private float[] probabilities(OnnxValue value, int n, int h, int w) throws ModelException {
    long[] expected = {n, metadata.classes(), h, w};
    if (!(value instanceof OnnxTensor t) || !Arrays.equals(t.getInfo().getShape(), expected)) {
      throw new ModelException(
          name(file) + ": expected output " + Arrays.toString(expected) + ", found " + value);
    }
    FloatBuffer buffer = t.getFloatBuffer();
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  /** Refuses logits once, on the first output; later outputs come from the same graph. */
  private void checkProbabilities(float[] out, int n, int planeSize) throws ModelException {
    if (outputChecked) {
      return;
    }
    int classes = metadata.classes();
    for (int b = 0; b < n; b++) {
      for (int s = 0; s < planeSize; s++) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          float p = out[(b * classes + c) * planeSize + s];
          sum += p >= -SUM_TOLERANCE && p <= 1 + SUM_TOLERANCE ? p : Double.NaN;
        }
        if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
          throw new ModelException(notProbabilities(sum));
        }
      }
    }
    outputChecked = true;
  }

  private String notProbabilities(double sum) {
    return name(file)
        + ": expected softmax probabilities (each in [0, 1], summing to 1 over the "
        + metadata.classes()
        + " channels), found a voxel whose channels "
        + (Double.isNaN(sum) ? "hold a value outside [0, 1]" : "sum to " + sum)
        + "; export the model with its final Softmax";
  }

  @Override
  public void close() {
    closeQuietly(session, sessionOptions);
  }

  private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (OrtException e) {
      LOG.warn("closing an ONNX Runtime session failed: {}", oneLine(e));
    } finally {
      options.close();
    }
  }

  private static String name(Path file) {
    return "model " + file.getFileName();
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(m);
  }
}
