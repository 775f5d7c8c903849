package org.segnode.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.trainer.data.PreparedCase;

class OverlaysTest {
  @TempDir Path dir;

  private static void box(LabelVolume l, int k, int i0, int i1, int j0, int j1) {
    for (int j = j0; j <= j1; j++) {
      for (int i = i0; i <= i1; i++) {
        l.set(i, j, k, 1);
      }
    }
  }

  private static boolean rim(int i, int j, int i0, int i1, int j0, int j1) {
    boolean inside = i >= i0 && i <= i1 && j >= j0 && j <= j1;
    return inside && (i == i0 || i == i1 || j == j0 || j == j1);
  }

  @Test
  void referenceIsGreenPredictionRedAgreementYellowOnTheBusiestSlice() throws Exception {
    Grid grid = Grid.axial(16, 12, 3, 1, 1, 1);
    float[] image = new float[grid.voxelCount()];
    for (int n = 0; n < image.length; n++) {
      image[n] = n % 50;
    }
    LabelVolume reference = LabelVolume.empty(grid);
    box(reference, 0, 2, 3, 2, 3); // a smaller slice, not the one drawn
    box(reference, 1, 2, 9, 2, 8);
    LabelVolume prediction = LabelVolume.empty(grid);
    box(prediction, 1, 2, 12, 2, 8); // shares the left, top and bottom edges of the reference
    Path png = dir.resolve("overlay.png");

    Overlays.write(new PreparedCase("x", image, reference.labels(), grid), prediction, png);

    BufferedImage img = ImageIO.read(png.toFile());
    for (int j = 0; j < 12; j++) {
      for (int i = 0; i < 16; i++) {
        boolean ref = rim(i, j, 2, 9, 2, 8);
        boolean pred = rim(i, j, 2, 12, 2, 8);
        int rgb = img.getRGB(i, j) & 0xffffff;
        int expected = (pred ? 0xff0000 : 0) | (ref ? 0x00ff00 : 0);
        if (ref || pred) {
          assertEquals(expected, rgb, "outline colour at " + i + "," + j);
        } else {
          assertEquals(rgb & 0xff, rgb >> 16, "grey at " + i + "," + j);
        }
      }
    }
  }
}
