package org.segnode.imaging.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.imaging.volume.Vec3;

/** Read, write and read again: values and placement must survive. */
class NiftiRoundTripTest {
  @TempDir Path dir;

  private static final double GEOMETRY_TOLERANCE_MM = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"labels.nii", "labels.nii.gz"})
  void chaosLabelsSurviveExactlyAsUint8(String name) throws IOException {
    LabelVolume original = NiftiReader.readLabels(SharedData.path("chaos-t2spir/2/label_2.nii.gz"));
    Path out = dir.resolve(name);
    NiftiWriter.write(original, out);
    NiftiImage reread = NiftiReader.read(out);
    assertEquals(NiftiDataType.UINT8, reread.datatype());
    assertEquals(name.endsWith(".gz"), isGzip(out));
    LabelVolume back = NiftiReader.readLabels(out);
    assertArrayEquals(original.labels(), back.labels());
    assertSamePlacement(original.grid(), back.grid());
  }

  @ParameterizedTest
  @ValueSource(strings = {"image.nii", "image.nii.gz"})
  void chaosImageSurvivesExactlyAsFloat32(String name) throws IOException {
    // The float64 CHAOS intensities are whole numbers below 2^24, so float32 holds them exactly.
    NiftiImage original = NiftiReader.read(SharedData.path("chaos-t2spir/2/image_2.nii.gz"));
    Path out = dir.resolve(name);
    NiftiWriter.write(NiftiReader.readImage(SharedData.path("chaos-t2spir/2/image_2.nii.gz")), out);
    NiftiImage back = NiftiReader.read(out);
    assertEquals(NiftiDataType.FLOAT32, back.datatype());
    assertArrayEquals(original.values(), back.values(), 0.0);
    assertSamePlacement(original.grid(), back.grid());
  }

  @Test
  void writtenFilesCarryScannerSformAndQformThatAgree() throws IOException {
    Grid grid = obliqueLeftHandedGrid();
    Path out = dir.resolve("oblique.nii.gz");
    NiftiWriter.write(LabelVolume.empty(grid), out);
    NiftiHeader h = NiftiReader.readHeader(out);
    assertEquals(1, h.sformCode());
    assertEquals(1, h.qformCode());
    assertEquals(-1f, h.pixdim()[0], "qfac of a left-handed grid");
    assertSamePlacement(grid, NiftiGeometry.toGrid(h, NiftiGeometry.Source.SFORM, "sform"));
    assertSamePlacement(grid, NiftiGeometry.toGrid(h, NiftiGeometry.Source.QFORM, "qform"));
  }

  @Test
  void rightHandedObliqueGridGetsPositiveQfac() throws IOException {
    Grid left = obliqueLeftHandedGrid();
    double[] slice = Vec3.cross(left.rowDir(), left.colDir());
    Grid right =
        new Grid(7, 5, 3, left.origin(), left.rowDir(), left.colDir(), slice, 0.8, 1.1, 3.3);
    Path out = dir.resolve("right.nii");
    NiftiWriter.write(new ImageVolume(right, ramp(right.voxelCount())), out);
    NiftiHeader h = NiftiReader.readHeader(out);
    assertEquals(1f, h.pixdim()[0]);
    assertSamePlacement(right, NiftiGeometry.toGrid(h, NiftiGeometry.Source.QFORM, "qform"));
    assertArrayEquals(ramp(right.voxelCount()), NiftiReader.readImage(out).voxels(), 0f);
  }

  @Test
  void syntheticObliqueImageSurvivesBothSuffixes() throws IOException {
    Grid grid = obliqueLeftHandedGrid();
    ImageVolume image = new ImageVolume(grid, ramp(grid.voxelCount()));
    for (String name : new String[] {"a.nii", "a.nii.gz"}) {
      NiftiWriter.write(image, dir.resolve(name));
      ImageVolume back = NiftiReader.readImage(dir.resolve(name));
      assertArrayEquals(image.voxels(), back.voxels(), 0f);
      assertSamePlacement(grid, back.grid());
    }
  }

  /** Rotated about an arbitrary axis, anisotropic, with slices stacked against row x col. */
  static Grid obliqueLeftHandedGrid() {
    double[] row = Vec3.normalize(new double[] {0.9, 0.3, -0.2});
    double[] col = Vec3.normalize(Vec3.cross(new double[] {0.1, -0.2, 1.0}, row));
    double[] slice = Vec3.cross(col, row);
    return new Grid(7, 5, 3, new double[] {-120.5, 33.25, 801.0}, row, col, slice, 0.8, 1.1, 3.3);
  }

  static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * 0.5f - 7.25f;
    }
    return v;
  }

  static void assertSamePlacement(Grid expected, Grid found) {
    assertTrue(
        expected.sameAs(found, GEOMETRY_TOLERANCE_MM),
        () -> "expected " + expected + ", found " + found);
    assertArrayEquals(expected.sliceDir(), found.sliceDir(), 1e-6, "slice direction");
  }

  private static boolean isGzip(Path file) throws IOException {
    byte[] head = Files.readAllBytes(file);
    return (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }
}
