package org.segnode.imaging.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.imaging.volume.Vec3;

/** Nearest-neighbour label transfer between grids, with answers worked out independently. */
class LabelResamplerTest {
  /** 10 x 10 x 10 voxels of 1 mm at the origin, label 1 + i + 10 j + 50 (k % 2) at (i, j, k). */
  private static LabelVolume pattern() {
    LabelVolume v = LabelVolume.empty(Grid.axial(10, 10, 10, 1, 1, 1));
    for (int k = 0; k < 10; k++) {
      for (int j = 0; j < 10; j++) {
        for (int i = 0; i < 10; i++) {
          v.set(i, j, k, patternAt(i, j, k));
        }
      }
    }
    return v;
  }

  private static int patternAt(int i, int j, int k) {
    return 1 + i + 10 * j + 50 * (k % 2);
  }

  private static Grid axialAt(int n, double spacing, double[] origin) {
    double[] x = {1, 0, 0};
    double[] y = {0, 1, 0};
    double[] z = {0, 0, 1};
    return new Grid(n, n, n, origin, x, y, z, spacing, spacing, spacing);
  }

  @Test
  void sameGridGivesAnExactCopyInANewArray() {
    LabelVolume source = pattern();
    LabelVolume out = LabelResampler.toGrid(source, Grid.axial(10, 10, 10, 1, 1, 1));
    assertArrayEquals(source.labels(), out.labels());
    assertNotSame(source.labels(), out.labels());
  }

  @Test
  void shiftedGridReadsShiftedVoxelsAndZeroOutside() {
    // Target origin at (2.3, 0.8, -1) mm: target (i, j, k) sits nearest source (i + 2, j + 1, k -
    // 1).
    Grid target = axialAt(10, 1, new double[] {2.3, 0.8, -1});
    LabelVolume out = LabelResampler.toGrid(pattern(), target);
    assertEquals(patternAt(2, 1, 0), out.get(0, 0, 1));
    assertEquals(patternAt(9, 9, 8), out.get(7, 8, 9));
    assertEquals(0, out.get(8, 0, 1), "source i = 10 is outside");
    assertEquals(0, out.get(0, 9, 1), "source j = 10 is outside");
    assertEquals(0, out.get(3, 3, 0), "source k = -1 is outside");
  }

  @Test
  void coarserGridTakesTheVoxelUnderEachCentre() {
    // 2 mm voxels centred on every other source voxel.
    LabelVolume out = LabelResampler.toGrid(pattern(), axialAt(5, 2, new double[3]));
    for (int k = 0; k < 5; k++) {
      for (int j = 0; j < 5; j++) {
        for (int i = 0; i < 5; i++) {
          assertEquals(patternAt(2 * i, 2 * j, 2 * k), out.get(i, j, k));
        }
      }
    }
  }

  @Test
  void quarterTurnTargetReadsRotatedVoxels() {
    // Target rows run along +y and columns along -x from (9, 0, 0): voxel (i, j, k) is at (9 - j,
    // i, k).
    Grid target =
        new Grid(
            10,
            10,
            10,
            new double[] {9, 0, 0},
            new double[] {0, 1, 0},
            new double[] {-1, 0, 0},
            new double[] {0, 0, 1},
            1,
            1,
            1);
    LabelVolume out = LabelResampler.toGrid(pattern(), target);
    for (int k = 0; k < 10; k++) {
      for (int j = 0; j < 10; j++) {
        for (int i = 0; i < 10; i++) {
          assertEquals(patternAt(9 - j, i, k), out.get(i, j, k));
        }
      }
    }
  }

  @Test
  void obliqueTargetMatchesABruteForceNearestCentre() {
    double[] row = Vec3.normalize(new double[] {Math.cos(0.5), Math.sin(0.5), 0.2});
    double[] col = Vec3.normalize(Vec3.cross(new double[] {0, 0, 1}, row));
    double[] slice = Vec3.cross(row, col);
    Grid target = new Grid(9, 8, 7, new double[] {1.1, 0.7, 1.3}, row, col, slice, 0.9, 1.3, 1.7);
    LabelVolume source = pattern();
    LabelVolume out = LabelResampler.toGrid(source, target);
    for (int k = 0; k < 7; k++) {
      for (int j = 0; j < 8; j++) {
        for (int i = 0; i < 9; i++) {
          assertEquals(bruteForce(source, target.toPatient(i, j, k)), out.get(i, j, k));
        }
      }
    }
  }

  /** The label of the source voxel whose centre is nearest, if the point is inside its box. */
  private static int bruteForce(LabelVolume source, double[] p) {
    Grid g = source.grid();
    double best = Double.MAX_VALUE;
    int label = 0;
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          double[] c = g.toPatient(i, j, k);
          double d = Vec3.distance(c, p);
          boolean inside =
              Math.abs(p[0] - c[0]) <= 0.5
                  && Math.abs(p[1] - c[1]) <= 0.5
                  && Math.abs(p[2] - c[2]) <= 0.5;
          if (inside && d < best) {
            best = d;
            label = source.get(i, j, k);
          }
        }
      }
    }
    return label;
  }

  @Test
  void disjointGridsAreRefusedGivingBothExtents() {
    Grid far = axialAt(10, 1, new double[] {0, 0, 500});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelResampler.toGrid(pattern(), far));
    String m = e.getMessage();
    assertTrue(m.contains("label extent x -0.5..9.5, y -0.5..9.5, z -0.5..9.5 mm"), m);
    assertTrue(m.contains("target extent x -0.5..9.5, y -0.5..9.5, z 499.5..509.5 mm"), m);
  }

  @Test
  void labelsThatMissAnOverlappingTargetAreRefused() {
    LabelVolume corner = LabelVolume.empty(Grid.axial(10, 10, 10, 1, 1, 1));
    corner.set(9, 9, 9, 4);
    Grid firstHalf = axialAt(5, 1, new double[3]);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LabelResampler.toGrid(corner, firstHalf));
    assertTrue(e.getMessage().contains("found none"), e.getMessage());
  }

  @Test
  void emptyLabelsOnAnOverlappingTargetGiveAnEmptyVolume() {
    LabelVolume empty = LabelVolume.empty(Grid.axial(10, 10, 10, 1, 1, 1));
    LabelVolume out = LabelResampler.toGrid(empty, axialAt(5, 1, new double[] {3, 3, 3}));
    assertEquals(0, out.presentLabels().length);
    assertEquals(125, out.labels().length);
  }
}
