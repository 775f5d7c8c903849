package org.segnode.imaging.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

  @Test
  void matchesBruteForceOnARandomAnisotropicVolume() {
    int nx = 9;
    int ny = 7;
    int nz = 5;
    double dx = 0.7;
    double dy = 1.3;
    double dz = 2.5;
    Random random = new Random(11);
    boolean[] features = new boolean[nx * ny * nz];
    for (int n = 0; n < features.length; n++) {
      features[n] = random.nextDouble() < 0.06;
    }
    double[] d = DistanceTransform.squared(features, nx, ny, nz, dx, dy, dz);
    for (int n = 0; n < features.length; n++) {
      double best = Double.POSITIVE_INFINITY;
      for (int m = 0; m < features.length; m++) {
        if (features[m]) {
          double a = (n % nx - m % nx) * dx;
          double b = ((n / nx) % ny - (m / nx) % ny) * dy;
          double c = (n / (nx * ny) - m / (nx * ny)) * dz;
          best = Math.min(best, a * a + b * b + c * c);
        }
      }
      assertEquals(best, d[n], 1e-9 * (1 + best), "voxel " + n);
    }
  }

  @Test
  void singleFeatureGivesTheSquaredDistanceToIt() {
    boolean[] features = new boolean[4 * 3 * 2];
    features[0] = true;
    double[] d = DistanceTransform.squared(features, 4, 3, 2, 1, 2, 3);
    assertEquals(0, d[0], 0);
    assertEquals(9 + 16 + 9, d[3 + 4 * 2 + 12], 1e-12); // voxel (3, 2, 1)
  }

  @Test
  void noFeatureMeansInfiniteDistanceEverywhere() {
    double[] d = DistanceTransform.squared(new boolean[3 * 2 * 2], 3, 2, 2, 1, 1, 1);
    for (double v : d) {
      assertEquals(Double.POSITIVE_INFINITY, v);
    }
  }
}
