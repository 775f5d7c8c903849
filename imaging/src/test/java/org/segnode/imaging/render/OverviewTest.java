package org.segnode.imaging.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

class OverviewTest {
  private static final SegmentDefinition LIVER = SegmentDefinition.forLabel(1);
  private static final SegmentDefinition SPLEEN = SegmentDefinition.forLabel(4);

  @TempDir Path dir;

  private static int rgb(SegmentDefinition s) {
    return s.rgb()[0] << 16 | s.rgb()[1] << 8 | s.rgb()[2];
  }

  private static void box(LabelVolume l, int label, int k, int i0, int i1, int j0, int j1) {
    for (int j = j0; j <= j1; j++) {
      for (int i = i0; i <= i1; i++) {
        l.set(i, j, k, label);
      }
    }
  }

  @Test
  void outlinesLieExactlyOnEachBoxBoundaryInItsSegmentsColour() {
    Grid grid = Grid.axial(20, 16, 6, 1, 1, 2);
    float[] ramp = new float[grid.voxelCount()];
    IntStream.range(0, ramp.length).forEach(n -> ramp[n] = n);
    LabelVolume labels = LabelVolume.empty(grid);
    box(labels, 1, 2, 3, 8, 4, 10);
    box(labels, 1, 3, 3, 8, 4, 10);
    box(labels, 4, 3, 12, 16, 2, 6);

    BufferedImage img =
        Overview.render(new ImageVolume(grid, ramp), labels, List.of(LIVER, SPLEEN));

    // labelled slices 2 and 3 only: two native-size tiles side by side, captions below
    assertEquals(2 * 20, img.getWidth());
    assertEquals(16 + Overview.CAPTION_PX, img.getHeight());
    int tileX = 20; // slice 3
    for (int j = 0; j < 16; j++) {
      for (int i = 0; i < 20; i++) {
        boolean liverRim = inRim(i, j, 3, 8, 4, 10);
        boolean spleenRim = inRim(i, j, 12, 16, 2, 6);
        int expected = liverRim ? rgb(LIVER) : spleenRim ? rgb(SPLEEN) : -1;
        int found = img.getRGB(tileX + i, j) & 0xffffff;
        if (expected >= 0) {
          assertEquals(expected, found, "outline colour at " + i + "," + j);
        } else {
          assertTrue(isGrey(found), "grey expected at " + i + "," + j);
        }
      }
    }
  }

  private static boolean inRim(int i, int j, int i0, int i1, int j0, int j1) {
    boolean inside = i >= i0 && i <= i1 && j >= j0 && j <= j1;
    return inside && (i == i0 || i == i1 || j == j0 || j == j1);
  }

  private static boolean isGrey(int rgb) {
    return (rgb >> 16 & 0xff) == (rgb & 0xff) && (rgb >> 8 & 0xff) == (rgb & 0xff);
  }

  @Test
  void greyLevelsUseTheRobustWindowOfTheWholeImage() {
    Grid grid = Grid.axial(10, 10, 3, 1, 1, 1);
    float[] v = new float[grid.voxelCount()];
    IntStream.range(0, v.length).forEach(n -> v[n] = n % 100);
    v[grid.index(0, 0, 1)] = 1e6f; // one outlier on the shown slice
    BufferedImage img =
        Overview.render(new ImageVolume(grid, v), LabelVolume.empty(grid), List.of());
    Window w = Window.robust(v);
    int tileX = 10; // no labels: all three slices, the middle one second
    assertEquals(w.grey(v[grid.index(5, 5, 1)]), img.getRGB(tileX + 5, 5) & 0xff);
    assertTrue((img.getRGB(tileX + 5, 5) & 0xff) > 100, "mid-range voxel not darkened by outlier");
  }

  @Test
  void tilesAreSpreadOverTheLabelledSlices() {
    Grid grid = Grid.axial(4, 4, 40, 1, 1, 1);
    LabelVolume labels = LabelVolume.empty(grid);
    for (int k = 10; k < 40; k++) {
      labels.set(1, 1, k, 1);
    }
    int[] chosen = Overview.slices(labels, Overview.MAX_TILES);
    assertEquals(Overview.MAX_TILES, chosen.length);
    assertTrue(IntStream.of(chosen).allMatch(k -> k >= 10), "only labelled slices");
    for (int t = 1; t < chosen.length; t++) {
      int step = chosen[t] - chosen[t - 1];
      assertTrue(step == 2 || step == 3, "even spread, found steps in " + List.of(chosen));
    }
    assertArrayEquals(
        new int[] {0, 1, 2}, Overview.slices(LabelVolume.empty(grid.withSlices(0, 3)), 12));
  }

  @Test
  void anisotropicPixelsAreShownSquare() {
    Grid grid = Grid.axial(100, 100, 1, 0.5, 1.0, 1);
    assertArrayEquals(new int[] {100, 200}, Overview.tileSize(grid));
    assertArrayEquals(new int[] {320, 160}, Overview.tileSize(Grid.axial(640, 320, 1, 1, 1, 1)));
  }

  @Test
  void aChaosCaseGivesADecodablePngWithOrganOutlines() throws Exception {
    ImageVolume image = NiftiReader.readImage(SharedData.path("chaos-t2spir/3/image_3.nii.gz"));
    LabelVolume labels = NiftiReader.readLabels(SharedData.path("chaos-t2spir/3/label_3.nii.gz"));
    List<SegmentDefinition> segments =
        IntStream.rangeClosed(1, 4).mapToObj(SegmentDefinition::forLabel).toList();
    Path png = dir.resolve("overview.png");

    Overview.write(image, labels, segments, png);

    BufferedImage read = ImageIO.read(png.toFile());
    assertNotNull(read, "PNG decodes");
    int[] tile = Overview.tileSize(image.grid());
    assertEquals(4 * tile[0], read.getWidth());
    assertEquals(3 * (tile[1] + Overview.CAPTION_PX), read.getHeight());
    assertTrue(count(read, rgb(LIVER)) > 200, "liver outline pixels");
    assertTrue(count(read, rgb(SPLEEN)) > 50, "spleen outline pixels");
  }

  private static long count(BufferedImage img, int rgb) {
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    return IntStream.of(px).filter(p -> (p & 0xffffff) == rgb).count();
  }
}
