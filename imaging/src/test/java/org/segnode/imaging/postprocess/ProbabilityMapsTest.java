package org.segnode.imaging.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

class ProbabilityMapsTest {

  @Test
  void argmaxReadsChannelsSliceBySlice() {
    Grid grid = Grid.axial(2, 1, 2, 1, 1, 1);
    // slice 0: channel 0 = {0.9, 0.1}, channel 1 = {0.05, 0.2}, channel 2 = {0.05, 0.7}
    // slice 1: channel 0 = {0.2, 0.4}, channel 1 = {0.6, 0.4}, channel 2 = {0.2, 0.2}
    float[] maps = {0.9f, 0.1f, 0.05f, 0.2f, 0.05f, 0.7f, 0.2f, 0.4f, 0.6f, 0.4f, 0.2f, 0.2f};
    LabelVolume labels = ProbabilityMaps.argmax(grid, maps, 3);
    assertArrayEquals(new byte[] {0, 2, 1, 0}, labels.labels()); // the tie goes to channel 0
    assertEquals(8, ProbabilityMaps.index(grid, 3, 1, 0, 0, 1));
  }

  @Test
  void thresholdIncludesTheThresholdItself() {
    Grid grid = Grid.axial(4, 1, 1, 1, 1, 1);
    LabelVolume labels =
        ProbabilityMaps.threshold(grid, new float[] {0.2f, 0.5f, 0.51f, 1f}, 0.5f, 3);
    assertArrayEquals(new byte[] {0, 3, 3, 3}, labels.labels());
  }

  @Test
  void rejectsMapsOfTheWrongLength() {
    Grid grid = Grid.axial(2, 2, 2, 1, 1, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProbabilityMaps.argmax(grid, new float[15], 2));
    assertEquals(
        "expected 1..256 channels of 8 voxels, found 2 channels and 15 values", e.getMessage());
  }
}
