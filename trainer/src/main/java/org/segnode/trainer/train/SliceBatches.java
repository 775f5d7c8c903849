package org.segnode.trainer.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.segnode.trainer.data.Augmenter;
import org.segnode.trainer.data.PreparedCase;
import org.segnode.trainer.data.SliceTensors;

/**
 * Minibatches of training slices for one epoch: shuffled with a seed per epoch (so a resumed run
 * sees the same order it would have), and only slices of equal size in one batch, since cases may
 * differ in size on the model grid.
 */
final class SliceBatches {
  record SliceRef(PreparedCase c, int k) {}

  private SliceBatches() {}

  static List<List<SliceRef>> plan(List<PreparedCase> cases, int batchSize, long seed) {
    Random random = new Random(seed);
    Map<String, List<SliceRef>> bySize = new LinkedHashMap<>();
    for (PreparedCase c : cases) {
      for (int k = 0; k < c.slices(); k++) {
        String key = c.grid().nx() + "x" + c.grid().ny();
        bySize.computeIfAbsent(key, x -> new ArrayList<>()).add(new SliceRef(c, k));
      }
    }
    List<List<SliceRef>> batches = new ArrayList<>();
    for (List<SliceRef> group : bySize.values()) {
      Collections.shuffle(group, random);
      for (int i = 0; i < group.size(); i += batchSize) {
        batches.add(group.subList(i, Math.min(i + batchSize, group.size())));
      }
    }
    Collections.shuffle(batches, random);
    return batches;
  }

  /** Network input and one-hot targets, NCHW, augmented when {@code augmenter} is given. */
  static DataSet tensors(
      List<SliceRef> batch, int context, int classes, Augmenter augmenter, float pad) {
    PreparedCase first = batch.get(0).c();
    int nx = first.grid().nx();
    int ny = first.grid().ny();
    int size = nx * ny;
    int channels = 1 + 2 * context;
    float[] input = new float[batch.size() * channels * size];
    float[] target = new float[batch.size() * classes * size];
    for (int b = 0; b < batch.size(); b++) {
      SliceRef ref = batch.get(b);
      float[] image = new float[channels * size];
      SliceTensors.input(ref.c(), ref.k(), context, image, 0);
      byte[] labels = new byte[size];
      System.arraycopy(ref.c().labels(), ref.k() * size, labels, 0, size);
      if (augmenter != null) {
        augmenter.apply(image, channels, labels, nx, ny, pad);
      }
      System.arraycopy(image, 0, input, b * channels * size, channels * size);
      for (int p = 0; p < size; p++) {
        target[(b * classes + (labels[p] & 0xff)) * size + p] = 1f;
      }
    }
    INDArray features = Nd4j.create(input, new long[] {batch.size(), channels, ny, nx}, 'c');
    INDArray targets = Nd4j.create(target, new long[] {batch.size(), classes, ny, nx}, 'c');
    return new DataSet(features, targets);
  }
}
