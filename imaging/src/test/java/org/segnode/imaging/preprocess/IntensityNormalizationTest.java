package org.segnode.imaging.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;

class IntensityNormalizationTest {

  @Test
  void minMaxScalesTheRangeOntoLevels0To255() {
    float[] v = {-100, 0, 27.5f, 155};
    assertArrayEquals(new int[] {0, 100, 128, 255}, IntensityNormalization.levels8(v, 0, 4));
  }

  @Test
  void constantInputGivesLevelZeroAndEqualisesToZero() {
    float[] v = {7, 7, 7};
    assertArrayEquals(new int[3], IntensityNormalization.levels8(v, 0, 3));
    assertArrayEquals(new float[3], IntensityNormalization.minMaxHistEq(v, 3));
  }

  @Test
  void equalisationSpreadsEquallyFrequentLevelsUniformly() {
    // four levels, 10 voxels each: cdf 10, 20, 30, 40, cdfMin 10 -> 0, 85, 170, 255
    int[] levels = new int[40];
    int[] used = {3, 40, 41, 200};
    for (int n = 0; n < 40; n++) {
      levels[n] = used[n % 4];
    }
    float[] out = IntensityNormalization.equalize(levels);
    float[] expected = {0f, 85 / 255f, 170 / 255f, 1f};
    for (int n = 0; n < 40; n++) {
      assertEquals(expected[n % 4], out[n], 0f);
    }
  }

  @Test
  void equalisationIsMonotonicAndOnThe8BitGrid() {
    Random random = new Random(1);
    int[] levels = new int[5000];
    for (int n = 0; n < levels.length; n++) {
      levels[n] = (int) Math.min(255, Math.abs(random.nextGaussian() * 60));
    }
    float[] out = IntensityNormalization.equalize(levels);
    for (int a = 0; a < levels.length; a += 7) {
      for (int b = 0; b < levels.length; b += 11) {
        if (levels[a] < levels[b]) {
          assertTrue(out[a] <= out[b], "not monotonic at levels " + levels[a] + ", " + levels[b]);
        }
      }
      float scaled = out[a] * 255;
      assertEquals(Math.round(scaled), scaled, 1e-4);
    }
  }

  @Test
  void perSliceScopeNormalisesEachSliceOnItsOwn() {
    Grid grid = Grid.axial(2, 1, 2, 1, 1, 1);
    ImageVolume image = new ImageVolume(grid, new float[] {0, 10, 100, 200});
    assertArrayEquals(
        new float[] {0, 1, 0, 1}, new IntensityStep.MinMaxHistEq(true).apply(image), 0f);
    assertArrayEquals(
        new float[] {0, 1 / 3f, 2 / 3f, 1},
        new IntensityStep.MinMaxHistEq(false).apply(image),
        1e-6f);
  }

  @Test
  void zScoreOfTheClippedVolumeHasMeanZeroAndUnitStd() {
    Random random = new Random(2);
    float[] v = new float[20000];
    for (int n = 0; n < v.length; n++) {
      v[n] = (float) (300 + 80 * random.nextGaussian());
    }
    v[5] = 1e6f; // an outlier that clipping must tame
    float[] z = IntensityNormalization.zScore(v, 0.5, 99.5);
    double sum = 0;
    double sq = 0;
    for (float x : z) {
      sum += x;
      sq += x * x;
    }
    assertEquals(0, sum / z.length, 1e-5);
    assertEquals(1, Math.sqrt(sq / z.length), 1e-5);
    assertTrue(z[5] < 3.5, "outlier should be clipped to the 99.5th percentile, found " + z[5]);
    assertEquals(1e6f, v[5], "input modified");
  }

  @Test
  void zScoreClipsBothTailsToThePercentiles() {
    float[] v = new float[101];
    for (int n = 0; n <= 100; n++) {
      v[n] = n;
    }
    float[] z = IntensityNormalization.zScore(v, 10, 90);
    assertEquals(z[0], z[10], 0f);
    assertEquals(z[100], z[90], 0f);
    assertTrue(z[11] > z[10] && z[89] < z[90]);
  }

  @Test
  void percentileInterpolatesBetweenOrderStatistics() {
    float[] sorted = {1, 2, 3, 4, 5};
    assertEquals(3, IntensityNormalization.percentile(sorted, 50), 1e-12);
    assertEquals(1.4, IntensityNormalization.percentile(sorted, 10), 1e-6);
    assertEquals(5, IntensityNormalization.percentile(sorted, 100), 1e-12);
    assertEquals(1, IntensityNormalization.percentile(sorted, 0), 1e-12);
  }
}
