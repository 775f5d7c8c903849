package org.segnode.trainer;

import java.io.IOException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;

/** A few real CHAOS T2-SPIR slices as network input: z-scored, centre-cropped or zero-padded. */
public final class ChaosSlices {
  public static final String IMAGE = "chaos-t2spir/2/image_2.nii.gz";

  private ChaosSlices() {}

  /** [count, 1, size, size]: slices spread around the middle of the volume, 2 apart. */
  public static INDArray load(int count, int size) throws IOException {
    ImageVolume v = NiftiReader.readImage(SharedData.path(IMAGE));
    Grid g = v.grid();
    float[] out = new float[count * size * size];
    for (int n = 0; n < count; n++) {
      int k = Math.min(g.nz() - 1, Math.max(0, g.nz() / 2 + 2 * (n - count / 2)));
      float[] slice = zScore(v, k);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int i = x + (g.nx() - size) / 2;
          int j = y + (g.ny() - size) / 2;
          boolean inside = i >= 0 && j >= 0 && i < g.nx() && j < g.ny();
          out[(n * size + y) * size + x] = inside ? slice[j * g.nx() + i] : 0f;
        }
      }
    }
    return Nd4j.create(out, new long[] {count, 1, size, size}, 'c').castTo(DataType.FLOAT);
  }

  private static float[] zScore(ImageVolume v, int k) {
    Grid g = v.grid();
    int plane = g.nx() * g.ny();
    float[] s = new float[plane];
    System.arraycopy(v.voxels(), k * plane, s, 0, plane);
    double sum = 0;
    double sq = 0;
    for (float f : s) {
      sum += f;
      sq += (double) f * f;
    }
    double mean = sum / plane;
    double sd = Math.sqrt(Math.max(sq / plane - mean * mean, 1e-12));
    for (int p = 0; p < plane; p++) {
      s[p] = (float) ((s[p] - mean) / sd);
    }
    return s;
  }
}
