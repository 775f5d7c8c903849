package org.segnode.trainer.export;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parameter arrays as flat float arrays in C (row-major) order, whatever their view or type. */
final class Weights {
  private Weights() {}

  /** A C-ordered float copy: DL4J parameters are views into one flat buffer, often 'f'-strided. */
  static float[] of(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  static double[] doubles(INDArray a) {
    return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
  }
}
