package org.segnode.imaging.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

class HoleFillingTest {

  /** A one-voxel-thick square ring around [3, 6) x [3, 6) in slice 1. */
  private static LabelVolume ring() {
    LabelVolume v = LabelVolume.empty(Grid.axial(10, 10, 3, 1, 1, 1));
    Shapes.box(v, 1, 2, 2, 1, 7, 7, 2);
    Shapes.box(v, 0, 3, 3, 1, 6, 6, 2);
    return v;
  }

  @Test
  void fill2dFillsTheInsideOfARing() {
    LabelVolume out = HoleFilling.fill2d(ring());
    assertEquals(25, out.count(1));
    assertEquals(1, out.get(4, 4, 1));
    assertEquals(0, out.get(0, 0, 1));
    assertEquals(0, out.get(4, 4, 0));
  }

  @Test
  void ringWithAGapIsNotFilled() {
    LabelVolume v = ring();
    v.set(2, 4, 1, 0);
    assertEquals(15, HoleFilling.fill2d(v).count(1));
  }

  @Test
  void diagonalGapCountsAsClosed() {
    LabelVolume v = ring();
    v.set(2, 2, 1, 0); // only a corner missing: inside reaches it only diagonally
    assertEquals(24, HoleFilling.fill2d(v).count(1));
  }

  @Test
  void fill3dFillsAHollowSphere() {
    LabelVolume v = LabelVolume.empty(Grid.axial(15, 15, 15, 1, 1, 1));
    Shapes.shell(v, 1, 7, 4, 6);
    LabelVolume solid = LabelVolume.empty(v.grid());
    Shapes.shell(solid, 1, 7, 0, 6);
    LabelVolume out = HoleFilling.fill3d(v);
    assertEquals(solid.count(1), out.count(1));
    assertEquals(1, out.get(7, 7, 7));
  }

  @Test
  void fill3dLeavesAnOpenCupAloneWhile2dFillsItsSlices() {
    LabelVolume v = LabelVolume.empty(Grid.axial(9, 9, 6, 1, 1, 1));
    Shapes.box(v, 1, 2, 2, 1, 7, 7, 6); // walls reach the top slice, so the inside is open there
    Shapes.box(v, 0, 3, 3, 2, 6, 6, 6);
    assertEquals(v.count(1), HoleFilling.fill3d(v).count(1));
    assertEquals(v.count(1) + 4 * 9, HoleFilling.fill2d(v).count(1));
  }

  @Test
  void otherLabelsInsideAHoleAreKept() {
    LabelVolume v = ring();
    v.set(4, 4, 1, 2);
    LabelVolume out = HoleFilling.fill2d(v);
    assertEquals(2, out.get(4, 4, 1));
    assertEquals(24, out.count(1));
    assertEquals(1, out.count(2));
  }
}
