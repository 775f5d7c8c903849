package org.segnode.imaging.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.volume.Grid;

/** Placement from hand-made headers whose answers are worked out on paper. */
class NiftiGeometryTest {
  @TempDir Path dir;

  private static final float SIN45 = (float) Math.sqrt(0.5);

  /** 90 degrees about z, qfac -1, spacing 2 x 3 x 4, offset (10, 20, 30) RAS. */
  private static NiftiHeader leftHandedQform(int sformCode, float[][] srow) {
    NiftiHeader h = NiftiTestFiles.header(ByteOrder.LITTLE_ENDIAN, NiftiDataType.UINT8, 4, 5, 6);
    return NiftiTestFiles.withForms(
        h,
        new float[] {-1, 2, 3, 4, 0, 0, 0, 0},
        1,
        new float[] {0, 0, SIN45},
        new float[] {10, 20, 30},
        sformCode,
        srow);
  }

  @Test
  void leftHandedQformIsPlacedByQuaternionAndQfac() throws IOException {
    float[][] ignoredSrow = {{9, 9, 9, 9}, {9, 9, 9, 9}, {9, 9, 9, 9}};
    Path file =
        NiftiTestFiles.write(
            dir.resolve("q.nii"), leftHandedQform(0, ignoredSrow), new double[4 * 5 * 6]);
    NiftiImage img = NiftiReader.read(file);
    assertEquals(NiftiGeometry.Source.QFORM, img.geometrySource());
    Grid g = img.grid();
    // RAS (10 - 3j, 20 + 2i, 30 - 4k), so LPS (-10 + 3j, -20 - 2i, 30 - 4k).
    assertArrayEquals(new double[] {-4, -22, 18}, g.toPatient(1, 2, 3), 1e-5);
    assertArrayEquals(new double[] {0, -1, 0}, g.rowDir(), 1e-6);
    assertArrayEquals(new double[] {1, 0, 0}, g.colDir(), 1e-6);
    assertArrayEquals(new double[] {0, 0, -1}, g.sliceDir(), 1e-6);
    assertArrayEquals(new double[] {2, 3, 4}, new double[] {g.dx(), g.dy(), g.dz()}, 1e-6);
  }

  @Test
  void sformWinsOverQformWhenItsCodeIsSet() throws IOException {
    // Oblique sform with column norms 2, 3 and 4 (a 3-4-5 turn in x-y).
    float[][] srow = {{1.2f, -2.4f, 0, 5}, {1.6f, 1.8f, 0, 6}, {0, 0, 4, 7}};
    Path file =
        NiftiTestFiles.write(dir.resolve("s.nii.gz"), leftHandedQform(2, srow), new double[120]);
    NiftiImage img = NiftiReader.read(file);
    assertEquals(NiftiGeometry.Source.SFORM, img.geometrySource());
    Grid g = img.grid();
    assertArrayEquals(new double[] {-5, -6, 7}, g.origin(), 1e-6);
    assertArrayEquals(new double[] {-0.6, -0.8, 0}, g.rowDir(), 1e-6);
    assertArrayEquals(new double[] {0.8, -0.6, 0}, g.colDir(), 1e-6);
    assertArrayEquals(new double[] {2, 3, 4}, new double[] {g.dx(), g.dy(), g.dz()}, 1e-6);
    // RAS (5 + 1.2 - 2.4, 6 + 1.6 + 1.8, 7 + 4) for voxel (1, 1, 1).
    assertArrayEquals(new double[] {-3.8, -9.4, 11}, g.toPatient(1, 1, 1), 1e-5);
  }

  @Test
  void withoutCodesPixdimAloneGivesRasAxesAtTheOrigin() throws IOException {
    NiftiHeader h = NiftiTestFiles.header(ByteOrder.LITTLE_ENDIAN, NiftiDataType.UINT8, 2, 2, 2);
    h =
        NiftiTestFiles.withForms(
            h,
            new float[] {1, 0.5f, 0.7f, 0, 0, 0, 0, 0},
            0,
            new float[3],
            new float[3],
            0,
            new float[3][4]);
    NiftiImage img = NiftiReader.read(NiftiTestFiles.write(dir.resolve("p.nii"), h, new double[8]));
    assertEquals(NiftiGeometry.Source.PIXDIM, img.geometrySource());
    Grid g = img.grid();
    assertArrayEquals(new double[] {-1, 0, 0}, g.rowDir(), 0);
    assertArrayEquals(new double[] {0, -1, 0}, g.colDir(), 0);
    assertArrayEquals(new double[] {0, 0, 1}, g.sliceDir(), 0);
    assertArrayEquals(new double[] {0.5, 0.7, 1.0}, new double[] {g.dx(), g.dy(), g.dz()}, 1e-6);
  }

  @Test
  void quaternionOfAHalfTurnRoundTrips() {
    double[][] r = {{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}};
    double[] q = NiftiGeometry.quaternion(r);
    assertArrayEquals(new double[] {0, 0, 1, 0}, q, 1e-12);
    double[][] back = NiftiGeometry.rotation(q[1], q[2], q[3]);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(r[i], back[i], 1e-12);
    }
  }
}
