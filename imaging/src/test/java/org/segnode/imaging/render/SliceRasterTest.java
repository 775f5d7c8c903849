package org.segnode.imaging.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

class SliceRasterTest {
  @Test
  void percentileWindowFollowsTheLinearRankDefinition() {
    float[] ramp = new float[1000];
    for (int n = 0; n < ramp.length; n++) {
      ramp[n] = ramp.length - 1 - n; // unsorted on purpose
    }
    Window w = Window.percentiles(ramp, 10, 90);
    assertEquals(0.10 * 999, w.low(), 1e-4);
    assertEquals(0.90 * 999, w.high(), 1e-4);
  }

  @Test
  void aFewBrightOutliersDoNotDarkenTheImage() {
    float[] v = new float[10_000];
    for (int n = 0; n < v.length; n++) {
      v[n] = n % 1000;
    }
    v[17] = 1e6f;
    Window w = Window.robust(v);
    assertTrue(w.high() < 1000, "window top " + w.high() + " expected below the outlier");
    assertEquals(255, w.grey(1e6f));
    assertEquals(0, w.grey(-5));
    assertTrue(Math.abs(w.grey(500) - 128) <= 2, "mid grey for the median: " + w.grey(500));
  }

  @Test
  void outlinesAreTheLabelledPixelsWithAnotherLabelBeside() {
    int w = 9;
    int h = 7;
    byte[] labels = new byte[w * h];
    for (int v = 1; v <= 5; v++) {
      for (int u = 2; u <= 6; u++) {
        labels[u + w * v] = (byte) (u == 6 ? 2 : 1); // label 2 is the right column of the block
      }
    }
    byte[] expected = new byte[w * h];
    for (int v = 1; v <= 5; v++) {
      for (int u = 2; u <= 6; u++) {
        boolean rim = v == 1 || v == 5 || u == 2 || u == 5 || u == 6;
        expected[u + w * v] = rim ? labels[u + w * v] : 0;
      }
    }
    assertArrayEquals(expected, SliceRaster.outlines(labels, w, h));
  }

  @Test
  void labelsTouchingTheBorderAreOutlinedThere() {
    byte[] full = {3, 3, 3, 3, 3, 3};
    assertArrayEquals(full, SliceRaster.outlines(full, 3, 2));
  }

  @Test
  void rastersKeepGridRowsAsImageRowsAndSampleByNearestNeighbour() {
    Grid grid = Grid.axial(4, 2, 1, 1, 1, 1);
    float[] voxels = {0, 1, 2, 3, 4, 5, 6, 7};
    var grey = SliceRaster.grey(new ImageVolume(grid, voxels), 0, new Window(0, 7), 8, 2);
    for (int u = 0; u < 8; u++) {
      int i = u / 2;
      assertEquals(new Window(0, 7).grey(voxels[i]), grey.getRGB(u, 0) & 0xff, "row 0, x " + u);
      assertEquals(new Window(0, 7).grey(voxels[4 + i]), grey.getRGB(u, 1) & 0xff, "row 1");
    }
    LabelVolume labels = LabelVolume.empty(grid);
    labels.set(3, 1, 0, 5);
    byte[] raster = SliceRaster.labels(labels, 0, 8, 2);
    assertEquals(5, raster[6 + 8]);
    assertEquals(5, raster[7 + 8]);
    assertEquals(2, java.util.stream.IntStream.range(0, 16).filter(p -> raster[p] != 0).count());
  }
}
