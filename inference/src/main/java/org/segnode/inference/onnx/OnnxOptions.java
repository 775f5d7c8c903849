package org.segnode.inference.onnx;

/**
 * How ONNX Runtime runs a model.
 *
 * @param intraOpThreads threads one operator may use (the node runs one series at a time, so a few
 *     are enough and leave cores to DICOM I/O)
 * @param cudaDevice the CUDA device to add as execution provider, or -1 for CPU only; needs the
 *     {@code onnxruntime_gpu} artifact
 */
public record OnnxOptions(int intraOpThreads, int cudaDevice) {
  public static final int DEFAULT_THREADS = 2;
  public static final int CPU = -1;

  public OnnxOptions {
    if (intraOpThreads < 1 || cudaDevice < CPU) {
      throw new IllegalArgumentException(
          "expected threads >= 1 and a CUDA device >= 0 (or -1 for CPU), found "
              + intraOpThreads
              + " threads and device "
              + cudaDevice);
    }
  }

  /** CPU with {@link #DEFAULT_THREADS} threads. */
  public static OnnxOptions defaults() {
    return new OnnxOptions(DEFAULT_THREADS, CPU);
  }

  public OnnxOptions withThreads(int threads) {
    return new OnnxOptions(threads, cudaDevice);
  }

  public OnnxOptions withCuda(int device) {
    return new OnnxOptions(intraOpThreads, device);
  }
}
