package org.nd4j.nativeblas;

/**
 * WORKAROUND, not a feature: DeepLearning4J 1.0.0-M2.1 decides whether to create its oneDNN layer
 * helpers by calling {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()} by reflection,
 * but nd4j M2.1 moved that class to {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method {@code
 * isUseONEDNN()}. The lookup fails silently and every convolution, pooling and batch norm runs on
 * the slow built-in path (10-15 times slower here, see docs/benchmarks.md). This class answers the
 * old lookup by forwarding to the new one. Remove it once DL4J's helper looks up the new name.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The old name DL4J's {@code BaseMKLDNNHelper} looks up. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
