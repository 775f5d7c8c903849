package org.segnode.imaging.preprocess;

/**
 * Where each target index along one axis samples the source axis: the continuous source position
 * {@code scale * i + shift}, clamped to the source, as the two neighbours and weight for linear
 * interpolation and as the nearest neighbour (ties go up, {@code floor(x + 0.5)}).
 */
record AxisMap(int[] lower, int[] upper, float[] weight, int[] nearest) {

  static AxisMap of(int targetSize, int sourceSize, double scale, double shift) {
    int[] lower = new int[targetSize];
    int[] upper = new int[targetSize];
    float[] weight = new float[targetSize];
    int[] nearest = new int[targetSize];
    for (int i = 0; i < targetSize; i++) {
      double x = Math.min(sourceSize - 1, Math.max(0, scale * i + shift));
      lower[i] = (int) Math.floor(x);
      upper[i] = Math.min(lower[i] + 1, sourceSize - 1);
      weight[i] = (float) (x - lower[i]);
      nearest[i] = (int) Math.floor(x + 0.5);
    }
    return new AxisMap(lower, upper, weight, nearest);
  }

  int size() {
    return lower.length;
  }
}
