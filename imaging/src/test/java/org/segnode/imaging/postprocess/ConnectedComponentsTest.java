package org.segnode.imaging.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

class ConnectedComponentsTest {

  @Test
  void keepLargestRemovesTheSmallerBlob() {
    LabelVolume v = LabelVolume.empty(Grid.axial(20, 20, 10, 1, 1, 1));
    Shapes.box(v, 1, 1, 1, 1, 8, 8, 8); // 343 voxels
    Shapes.box(v, 1, 12, 12, 2, 15, 15, 5); // 27 voxels
    LabelVolume out = ConnectedComponents.keepLargest(v);
    assertEquals(343, out.count(1));
    assertEquals(0, out.get(13, 13, 3));
    assertEquals(1, out.get(4, 4, 4));
    assertEquals(370, v.count(1), "input modified");
  }

  @Test
  void voxelsTouchingOnlyAtEdgesOrCornersAreSeparateComponents() {
    LabelVolume v = LabelVolume.empty(Grid.axial(5, 5, 5, 1, 1, 1));
    v.set(1, 1, 1, 1);
    v.set(2, 2, 1, 1); // edge contact
    v.set(3, 3, 2, 1); // corner contact
    v.set(3, 3, 3, 1); // face contact with the previous one
    assertEquals(3, ConnectedComponents.count(v, 1));
  }

  @Test
  void islandBelowTheVolumeThresholdIsDroppedUsingAnisotropicSpacing() {
    // voxels of 0.5 x 0.5 x 4 mm = 0.001 mL: 8 voxels are 0.008 mL, 12 voxels 0.012 mL
    LabelVolume v = LabelVolume.empty(Grid.axial(12, 12, 4, 0.5, 0.5, 4));
    Shapes.box(v, 1, 0, 0, 0, 2, 2, 2);
    Shapes.box(v, 1, 6, 6, 0, 8, 8, 3);
    LabelVolume out = ConnectedComponents.removeSmallerThan(v, 0.01);
    assertEquals(12, out.count(1));
    assertEquals(0, out.get(0, 0, 0));
    assertEquals(20, ConnectedComponents.removeSmallerThan(v, 0.008).count(1));
    assertEquals(20, ConnectedComponents.removeSmallerThan(v, 0).count(1));
  }

  @Test
  void labelsAreNeverMergedOrMixed() {
    LabelVolume v = LabelVolume.empty(Grid.axial(10, 10, 3, 1, 1, 1));
    Shapes.box(v, 1, 0, 0, 0, 5, 5, 3); // 75 voxels of label 1
    Shapes.box(v, 2, 5, 0, 0, 6, 2, 1); // 2 voxels of label 2 touching label 1
    Shapes.box(v, 2, 8, 8, 0, 10, 10, 2); // 8 voxels of label 2
    v.set(9, 0, 0, 1); // a stray label-1 voxel
    LabelVolume out = ConnectedComponents.keepLargest(v);
    assertEquals(75, out.count(1));
    assertEquals(8, out.count(2));
    assertEquals(0, out.get(5, 0, 0));
    assertEquals(0, out.get(9, 0, 0));
    assertArrayEquals(new int[] {1, 2}, out.presentLabels());
  }

  @Test
  void largeSingleComponentIsLabelledWithoutRecursion() {
    LabelVolume v = LabelVolume.empty(Grid.axial(256, 256, 40, 1, 1, 1));
    Shapes.box(v, 1, 0, 0, 0, 256, 256, 40);
    v.set(128, 128, 20, 0);
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> assertEquals(256 * 256 * 40 - 1, ConnectedComponents.keepLargest(v).count(1)));
  }
}
