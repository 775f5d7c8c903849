package org.segnode.imaging.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.imaging.volume.Vec3;

class PreprocessorTest {
  private static final String PAD16 = "v1;intensity=none;spacing=native;size=div16-pad;pad=0";

  /** An oblique grid, so that geometry errors cannot hide behind identity directions. */
  private static Grid oblique(int nx, int ny, int nz, double dx, double dy, double dz) {
    double c = Math.cos(0.3);
    double s = Math.sin(0.3);
    double[] row = {c, s, 0};
    double[] col = {-s * 0.8, c * 0.8, 0.6};
    return new Grid(
        nx, ny, nz, new double[] {-120.5, 33, 7.25}, row, col, Vec3.cross(row, col), dx, dy, dz);
  }

  private static ImageVolume randomImage(Grid grid, long seed) {
    Random random = new Random(seed);
    float[] v = new float[grid.voxelCount()];
    for (int n = 0; n < v.length; n++) {
      v[n] = random.nextFloat() * 1000;
    }
    return new ImageVolume(grid, v);
  }

  private static LabelVolume randomLabels(Grid grid, long seed) {
    Random random = new Random(seed);
    byte[] labels = new byte[grid.voxelCount()];
    for (int n = 0; n < labels.length; n++) {
      labels[n] = (byte) random.nextInt(4);
    }
    return new LabelVolume(grid, labels);
  }

  private static Preprocessed run(Grid grid, String spec) {
    return Preprocessor.apply(randomImage(grid, 1), PreprocessingSpec.parse(spec));
  }

  @Test
  void padsOrCropsEachAxisToTheFactor() {
    Grid grid = Grid.axial(250, 17, 3, 1, 1, 3);
    Grid padded = run(grid, PAD16).image().grid();
    Grid cropped = run(grid, PAD16.replace("div16-pad", "div16-crop")).image().grid();
    Grid fixed = run(grid, PAD16.replace("div16-pad", "fixed64x40")).image().grid();
    assertArrayEquals(new int[] {256, 32, 3}, new int[] {padded.nx(), padded.ny(), padded.nz()});
    assertArrayEquals(new int[] {240, 16, 3}, new int[] {cropped.nx(), cropped.ny(), cropped.nz()});
    assertArrayEquals(new int[] {64, 40, 3}, new int[] {fixed.nx(), fixed.ny(), fixed.nz()});
  }

  @Test
  void padKeepsPatientPositionsAndValuesOfEverySourceVoxel() {
    Grid grid = oblique(250, 13, 2, 0.7, 0.9, 5);
    ImageVolume image = randomImage(grid, 3);
    Preprocessed p = Preprocessor.apply(image, PreprocessingSpec.parse(PAD16));
    Grid model = p.image().grid();
    int offX = -3; // 250 -> 256: 3 before, 3 after; 13 -> 16: 1 before, the odd one after
    int offY = -1;
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 16; j++) {
        for (int i = 0; i < 256; i++) {
          int si = i + offX;
          int sj = j + offY;
          boolean inside = si >= 0 && si < 250 && sj >= 0 && sj < 13;
          assertEquals(inside ? image.get(si, sj, k) : 0f, p.image().get(i, j, k));
          double[] expected = grid.toPatient(si, sj, k);
          assertArrayEquals(expected, model.toPatient(i, j, k), 1e-9);
        }
      }
    }
  }

  @Test
  void cropKeepsPatientPositionsAndValuesOfKeptVoxels() {
    Grid grid = oblique(37, 21, 2, 0.7, 0.9, 5);
    ImageVolume image = randomImage(grid, 4);
    Preprocessed p =
        Preprocessor.apply(image, PreprocessingSpec.parse(PAD16.replace("-pad", "-crop")));
    Grid model = p.image().grid();
    assertEquals(32, model.nx());
    assertEquals(16, model.ny());
    for (int j = 0; j < 16; j++) {
      for (int i = 0; i < 32; i++) {
        // 37 -> 32 drops 2 columns before, 3 after; 21 -> 16 drops 2 rows before, 3 after
        assertEquals(image.get(i + 2, j + 2, 1), p.image().get(i, j, 1));
        assertArrayEquals(grid.toPatient(i + 2, j + 2, 1), model.toPatient(i, j, 1), 1e-9);
      }
    }
  }

  @Test
  void labelsRoundTripExactlyWithoutResampling() {
    Grid grid = oblique(45, 30, 4, 0.8, 0.8, 3);
    LabelVolume labels = randomLabels(grid, 5);
    String[] specs = {
      PAD16, PAD16.replace("spacing=native", "spacing=0.8x0.8"), PAD16.replace("div16", "div1")
    };
    for (String spec : specs) {
      Preprocessed p = run(grid, spec);
      LabelVolume onModel = p.labelsToModelGrid(labels);
      assertArrayEquals(labels.labels(), p.toSource(onModel).labels(), spec);
      assertEquals(grid, p.toSource(onModel).grid());
    }
  }

  @Test
  void croppedAwayLabelsComeBackAsBackground() {
    Grid grid = oblique(20, 18, 2, 1, 1, 1);
    LabelVolume labels = randomLabels(grid, 6);
    Preprocessed p = run(grid, PAD16.replace("-pad", "-crop"));
    LabelVolume back = p.toSource(p.labelsToModelGrid(labels));
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 18; j++) {
        for (int i = 0; i < 20; i++) {
          boolean kept = i >= 2 && i < 18 && j >= 1 && j < 17;
          assertEquals(kept ? labels.get(i, j, k) : 0, back.get(i, j, k), i + "," + j);
        }
      }
    }
  }

  @Test
  void halvingTheResolutionOfBlockyLabelsRoundTripsExactly() {
    Grid grid = oblique(40, 36, 3, 0.6, 0.75, 4);
    Random random = new Random(7);
    LabelVolume labels = LabelVolume.empty(grid);
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 36; j += 2) {
        for (int i = 0; i < 40; i += 2) {
          int label = random.nextInt(3);
          labels.set(i, j, k, label);
          labels.set(i + 1, j, k, label);
          labels.set(i, j + 1, k, label);
          labels.set(i + 1, j + 1, k, label);
        }
      }
    }
    Preprocessed p = run(grid, PAD16.replace("spacing=native", "spacing=1.2x1.5"));
    assertEquals(32, p.image().grid().nx()); // 20 resampled columns padded to 32
    LabelVolume onModel = p.labelsToModelGrid(labels);
    assertEquals(labels.count(1) / 4, onModel.count(1));
    assertArrayEquals(labels.labels(), p.toSource(onModel).labels());
  }

  @Test
  void resamplingPlacesVoxelsWhereTheGridSaysTheyAre() {
    // a ramp linear in the source index is reproduced exactly by bilinear interpolation, so each
    // model voxel must carry the ramp's value at its own patient position
    Grid grid = oblique(30, 24, 2, 0.9, 1.1, 3);
    float[] v = new float[grid.voxelCount()];
    for (int n = 0; n < v.length; n++) {
      v[n] = 3f * (n % 30) + 7f * ((n / 30) % 24);
    }
    PreprocessingSpec spec =
        PreprocessingSpec.parse(PAD16.replace("spacing=native", "spacing=1.3x0.7"));
    Preprocessed p = Preprocessor.apply(new ImageVolume(grid, v), spec);
    ImageVolume model = p.image();
    Grid mg = model.grid();
    Grid resampled = p.mapping().resampled();
    int checked = 0;
    for (int j = 0; j < mg.ny(); j++) {
      for (int i = 0; i < mg.nx(); i++) {
        double[] src = grid.toIndex(mg.toPatient(i, j, 1));
        double[] r = resampled.toIndex(mg.toPatient(i, j, 1));
        boolean padded = r[0] < -0.5 || r[0] > resampled.nx() - 0.5 || r[1] < -0.5;
        padded |= r[1] > resampled.ny() - 0.5;
        if (!padded && src[0] >= 0 && src[0] <= 29 && src[1] >= 0 && src[1] <= 23) {
          checked++;
          assertEquals(3 * src[0] + 7 * src[1], model.get(i, j, 1), 1e-3, i + "," + j);
          assertEquals(1, src[2], 1e-9);
        }
      }
    }
    assertEquals(21 * 36, checked); // all columns; rows 1..36 of 38 (the first and last clamp)
  }

  @Test
  void probabilitiesRoundTripWithoutResamplingAndCropFillsBackground() {
    Grid grid = Grid.axial(18, 17, 2, 1, 1, 1);
    Preprocessed p = run(grid, PAD16.replace("-pad", "-crop"));
    Grid mg = p.image().grid();
    Random random = new Random(8);
    float[] probs = new float[mg.voxelCount() * 3];
    for (int n = 0; n < probs.length; n++) {
      probs[n] = random.nextFloat();
    }
    float[] back = p.toSource(probs, 3);
    assertEquals(grid.voxelCount() * 3, back.length);
    int size = grid.sliceSize();
    for (int k = 0; k < 2; k++) {
      for (int c = 0; c < 3; c++) {
        // kept window: columns 1..16, rows 0..15 (17 -> 16 drops the odd row at the end)
        assertEquals(probs[((k * 3 + c) * 16 + 4) * 16 + 5], back[(k * 3 + c) * size + 4 * 18 + 6]);
        assertEquals(c == 0 ? 1f : 0f, back[(k * 3 + c) * size + 0]);
        assertEquals(c == 0 ? 1f : 0f, back[(k * 3 + c) * size + 16 * 18 + 5]);
      }
    }
  }

  @Test
  void rejectsLabelsOnTheWrongGrid() {
    Grid grid = Grid.axial(20, 20, 2, 1, 1, 1);
    Preprocessed p = run(grid, PAD16);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.toSource(LabelVolume.empty(grid)));
    assertEquals(true, e.getMessage().contains("expected labels on the model grid"));
  }

  @Test
  void leavesTheInputImageUntouched() {
    Grid grid = Grid.axial(20, 10, 2, 1, 1, 1);
    ImageVolume image = randomImage(grid, 9);
    float[] before = image.voxels().clone();
    Preprocessor.apply(
        image,
        PreprocessingSpec.parse(
            "v1;intensity=zscore(p1,p99);spacing=0.5x0.5;size=div16-pad;pad=0"));
    assertArrayEquals(before, image.voxels());
  }
}
