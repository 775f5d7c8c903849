package org.segnode.imaging.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

class MetricsCalculatorTest {

  private static LabelVolume cube(Grid grid, int label, int i0, int j0, int k0, int side) {
    LabelVolume v = LabelVolume.empty(grid);
    for (int k = k0; k < k0 + side; k++) {
      for (int j = j0; j < j0 + side; j++) {
        for (int i = i0; i < i0 + side; i++) {
          v.set(i, j, k, label);
        }
      }
    }
    return v;
  }

  private static boolean inSphere(Grid g, int i, int j, int k, double[] centreMm, double r) {
    double x = i * g.dx() - centreMm[0];
    double y = j * g.dy() - centreMm[1];
    double z = k * g.dz() - centreMm[2];
    return x * x + y * y + z * z <= r * r;
  }

  private static LabelVolume sphere(Grid g, double[] centreMm, double radiusMm) {
    LabelVolume v = LabelVolume.empty(g);
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          if (inSphere(g, i, j, k, centreMm, radiusMm)) {
            v.set(i, j, k, 1);
          }
        }
      }
    }
    return v;
  }

  @Test
  void cubesOffsetByOneVoxelIsotropic() {
    // 4^3 cubes, one voxel apart along i: of the 2 x 56 surface voxels, 72 lie on the other
    // surface and 40 are 1 mm from it (worked out by hand, see the anisotropic case)
    Grid g = Grid.axial(10, 8, 8, 1, 1, 1);
    SegmentationMetrics m =
        MetricsCalculator.compute(cube(g, 1, 2, 2, 2, 4), cube(g, 1, 3, 2, 2, 4), 1);
    assertEquals(0.75, m.dice(), 1e-12); // 2 * 48 / 128
    assertEquals(0.6, m.iou(), 1e-12); // 48 / 80
    assertEquals(40.0 / 112, m.assdMm(), 1e-12);
    assertEquals(1, m.hd95Mm(), 1e-12);
    assertEquals(1, m.hausdorffMm(), 1e-12);
  }

  @Test
  void cubesOffsetByOneVoxelAnisotropic() {
    // dx = 2, dy = 1, dz = 3. Per cube: 36 ring voxels lie on the other surface (0), the 12 ring
    // voxels of the leading layer and the 4 inner voxels of the leading face are dx away, and the
    // 4 inner voxels of the trailing face are min(dx, dy, dz) = 1 away (a side wall). Pooled: 72 x
    // 0, 8 x 1, 32 x 2.
    Grid g = Grid.axial(10, 8, 8, 2, 1, 3);
    SegmentationMetrics m =
        MetricsCalculator.compute(cube(g, 1, 2, 2, 2, 4), cube(g, 1, 3, 2, 2, 4), 1);
    assertEquals(0.75, m.dice(), 1e-12);
    assertEquals((8 * 1 + 32 * 2) / 112.0, m.assdMm(), 1e-12);
    assertEquals(2, m.hd95Mm(), 1e-12);
    assertEquals(2, m.hausdorffMm(), 1e-12);
    assertEquals(64 * 0.006, m.predictedMl(), 1e-12);
    assertEquals(0, m.volumeDifferenceMl(), 1e-12);
  }

  @Test
  void disjointCubesHaveDiceZeroAndKnownDistances() {
    // 3^3 cubes 5 voxels apart along i: each cube's 26 surface voxels sit in layers of 9, 8 and 9
    // at 5, 4 and 3 voxels from the other cube's facing layer
    double dx = 0.8;
    Grid g = Grid.axial(12, 5, 5, dx, 1.7, 2.5);
    SegmentationMetrics m =
        MetricsCalculator.compute(cube(g, 1, 1, 1, 1, 3), cube(g, 1, 6, 1, 1, 3), 1);
    assertEquals(0, m.dice());
    assertEquals(0, m.iou());
    assertEquals((18 * 3 + 16 * 4 + 18 * 5) / 52.0 * dx, m.assdMm(), 1e-12);
    assertEquals(5 * dx, m.hd95Mm(), 1e-12); // rank ceil(0.95 * 52) = 50 > 34 distances <= 4 dx
    assertEquals(5 * dx, m.hausdorffMm(), 1e-12);
  }

  @Test
  void gridBorderCountsAsSurface() {
    // reference fills the grid, prediction misses its last layer along i: 9 inner voxels of the
    // prediction's open face and the 25 voxels of that last layer are 1 mm off; 146 are on both
    Grid g = Grid.axial(5, 5, 5, 1, 2, 2);
    SegmentationMetrics m = MetricsCalculator.compute(prefix(g, 4), prefix(g, 5), 1);
    assertEquals(34.0 / 180, m.assdMm(), 1e-12);
    assertEquals(1, m.hd95Mm(), 1e-12);
    assertEquals((100 - 125) * g.voxelVolumeMl(), m.volumeDifferenceMl(), 1e-12);
  }

  private static LabelVolume prefix(Grid g, int columns) {
    LabelVolume v = LabelVolume.empty(g);
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < columns; i++) {
          v.set(i, j, k, 1);
        }
      }
    }
    return v;
  }

  @Test
  void offsetSpheresDiceMatchesIndependentVoxelCounts() {
    Grid[] grids = {Grid.axial(40, 40, 40, 1, 1, 1), Grid.axial(50, 50, 16, 0.8, 0.8, 2.5)};
    double[] a = {19, 19.5, 18};
    double[] b = {24, 17, 21};
    for (Grid g : grids) {
      long na = 0;
      long nb = 0;
      long both = 0;
      for (int k = 0; k < g.nz(); k++) {
        for (int j = 0; j < g.ny(); j++) {
          for (int i = 0; i < g.nx(); i++) {
            boolean inA = inSphere(g, i, j, k, a, 12);
            boolean inB = inSphere(g, i, j, k, b, 12);
            na += inA ? 1 : 0;
            nb += inB ? 1 : 0;
            both += inA && inB ? 1 : 0;
          }
        }
      }
      SegmentationMetrics m = MetricsCalculator.compute(sphere(g, a, 12), sphere(g, b, 12), 1);
      assertEquals(2.0 * both / (na + nb), m.dice(), 1e-12, g.toString());
      assertEquals((double) both / (na + nb - both), m.iou(), 1e-12);
      assertEquals((na - nb) * g.voxelVolumeMl(), m.volumeDifferenceMl(), 1e-12);
      // centres 6.6 mm apart: no surface point can be farther than that from the other surface
      // plus a voxel diagonal, and some must be at least a few mm off
      assertTrue(m.hausdorffMm() > 3 && m.hausdorffMm() < 6.6 + 3, "HD " + m.hausdorffMm());
      assertTrue(m.hd95Mm() <= m.hausdorffMm() && m.assdMm() < m.hd95Mm());
    }
  }

  @Test
  void identicalVolumesScorePerfectly() {
    Grid g = Grid.axial(30, 30, 10, 0.7, 0.7, 3);
    LabelVolume s = sphere(g, new double[] {10, 11, 14}, 8);
    SegmentationMetrics m =
        MetricsCalculator.compute(s, sphere(g, new double[] {10, 11, 14}, 8), 1);
    assertEquals(1, m.dice());
    assertEquals(0, m.hd95Mm());
    assertEquals(0, m.assdMm());
    assertEquals(0, m.volumeDifferenceMl());
  }

  @Test
  void onlyTheRequestedLabelIsCompared() {
    Grid g = Grid.axial(10, 10, 10, 1, 1, 1);
    LabelVolume p = cube(g, 2, 0, 0, 0, 3);
    LabelVolume r = cube(g, 2, 0, 0, 0, 3);
    p.set(8, 8, 8, 1);
    SegmentationMetrics m = MetricsCalculator.compute(p, r, 2);
    assertEquals(1, m.dice());
    assertEquals(2, m.label());
  }

  @Test
  void emptyCasesFollowTheDocumentedConvention() {
    Grid g = Grid.axial(6, 6, 6, 1, 1, 1);
    SegmentationMetrics none =
        MetricsCalculator.compute(LabelVolume.empty(g), LabelVolume.empty(g), 1);
    assertEquals(1, none.dice());
    assertEquals(1, none.iou());
    assertEquals(0, none.hd95Mm());
    assertEquals(0, none.assdMm());
    SegmentationMetrics missed =
        MetricsCalculator.compute(LabelVolume.empty(g), cube(g, 1, 1, 1, 1, 2), 1);
    assertEquals(0, missed.dice());
    assertEquals(Double.POSITIVE_INFINITY, missed.hd95Mm());
    assertEquals(Double.POSITIVE_INFINITY, missed.assdMm());
    assertEquals(-8 * 0.001, missed.volumeDifferenceMl(), 1e-12);
  }

  @Test
  void rejectsVolumesOnDifferentGrids() {
    LabelVolume a = LabelVolume.empty(Grid.axial(6, 6, 6, 1, 1, 1));
    LabelVolume b = LabelVolume.empty(Grid.axial(6, 6, 6, 1, 1, 1.5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MetricsCalculator.compute(a, b, 1));
    assertTrue(e.getMessage().startsWith("expected prediction and reference on the same grid"));
  }

  @Test
  void fullSizeVolumeTakesSeconds() {
    Grid g = Grid.axial(512, 512, 100, 0.8, 0.8, 2.5);
    LabelVolume p = sphere(g, new double[] {200, 210, 120}, 90);
    LabelVolume r = sphere(g, new double[] {205, 200, 125}, 85);
    SegmentationMetrics m =
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> MetricsCalculator.compute(p, r, 1));
    assertTrue(m.dice() > 0.8 && m.hausdorffMm() < 20, m.toString());
  }
}
