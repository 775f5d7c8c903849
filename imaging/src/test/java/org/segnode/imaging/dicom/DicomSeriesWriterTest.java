package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.Vec3;

class DicomSeriesWriterTest {
  @TempDir Path tmp;

  private static final Grid OBLIQUE =
      new Grid(
          7,
          5,
          4,
          new double[] {-120.25, 33.5, 1601.125},
          new double[] {0.8, 0.6, 0},
          new double[] {0, 0, -1},
          Vec3.cross(new double[] {0.8, 0.6, 0}, new double[] {0, 0, -1}),
          0.75,
          0.9,
          3.3);

  /** sliceDir = -(rowDir x colDir), as CHAOS NIfTI volumes can have. */
  private static final Grid LEFT_HANDED =
      new Grid(
          6,
          4,
          5,
          new double[] {10, -20, 30.5},
          new double[] {1, 0, 0},
          new double[] {0, 1, 0},
          new double[] {0, 0, -1},
          1.25,
          1.25,
          7.7);

  @Test
  void integerVolumeReadsBackExactlyWithSamePlacement() throws Exception {
    ImageVolume volume = volume(OBLIQUE, n -> (float) (n * 37 % 4000));
    DicomSeries back = writeAndRead(volume, "int");
    assertTrue(back.volume().grid().sameAs(OBLIQUE, 1e-3), back.volume().grid().toString());
    assertArrayEquals(volume.voxels(), back.volume().voxels());
    assertEquals("MR", back.modality());
    assertEquals(3.3, back.sliceThickness(), 1e-9);
  }

  @Test
  void negativeIntegersAreStoredSignedAndExact() throws Exception {
    ImageVolume volume = volume(OBLIQUE, n -> (float) (n * 91 % 3000 - 1024));
    DicomSeries back = writeAndRead(volume, "signed");
    assertArrayEquals(volume.voxels(), back.volume().voxels());
    AttributeList first = TestFiles.read(back.slices().get(0).file());
    assertEquals("1", TestFiles.text(first, TagFromName.PixelRepresentation));
    assertEquals("1", TestFiles.text(first, TagFromName.RescaleSlope));
  }

  @Test
  void floatVolumeIsKeptWithinHalfARescaleStep() throws Exception {
    ImageVolume volume = volume(OBLIQUE, n -> (float) Math.sin(n * 0.1) * 812.37f + 0.001f * n);
    DicomSeries back = writeAndRead(volume, "float");
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : volume.voxels()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double step = (max - min) / 65535.0;
    for (int n = 0; n < volume.voxels().length; n++) {
      assertEquals(volume.voxels()[n], back.volume().voxels()[n], step * 0.51 + 1e-4, "voxel " + n);
    }
  }

  @Test
  void leftHandedGridKeepsEachVoxelAtItsPatientPosition() throws Exception {
    ImageVolume volume = volume(LEFT_HANDED, n -> (float) n);
    DicomSeries back = writeAndRead(volume, "left");
    Grid g = back.volume().grid();
    assertArrayEquals(new double[] {0, 0, 1}, g.sliceDir(), 1e-9);
    for (int k = 0; k < LEFT_HANDED.nz(); k++) {
      for (int j = 0; j < LEFT_HANDED.ny(); j++) {
        for (int i = 0; i < LEFT_HANDED.nx(); i++) {
          double[] p = LEFT_HANDED.toPatient(i, j, k);
          double[] idx = g.toIndex(p);
          int bi = (int) Math.round(idx[0]);
          int bj = (int) Math.round(idx[1]);
          int bk = (int) Math.round(idx[2]);
          assertArrayEquals(p, g.toPatient(bi, bj, bk), 1e-3);
          assertEquals(volume.get(i, j, k), back.volume().get(bi, bj, bk));
        }
      }
    }
  }

  @Test
  void sameSeedGivesSameUidsAndOtherSeedDifferentOnes() throws Exception {
    ImageVolume volume = volume(OBLIQUE, n -> n);
    List<Path> a = write(volume, tmp.resolve("a"), "seed-1");
    List<Path> b = write(volume, tmp.resolve("b"), "seed-1");
    List<Path> c = write(volume, tmp.resolve("c"), "seed-2");
    for (var tag :
        List.of(
            TagFromName.StudyInstanceUID,
            TagFromName.SeriesInstanceUID,
            TagFromName.FrameOfReferenceUID,
            TagFromName.SOPInstanceUID)) {
      String uidA = TestFiles.text(TestFiles.read(a.get(2)), tag);
      assertTrue(uidA.matches("2\\.25\\.[1-9][0-9]*") && uidA.length() <= 64, uidA);
      assertEquals(uidA, TestFiles.text(TestFiles.read(b.get(2)), tag));
      assertNotEquals(uidA, TestFiles.text(TestFiles.read(c.get(2)), tag));
    }
    assertNotEquals(
        TestFiles.text(TestFiles.read(a.get(0)), TagFromName.SOPInstanceUID),
        TestFiles.text(TestFiles.read(a.get(1)), TagFromName.SOPInstanceUID));
    assertArrayEquals(Files.readAllBytes(a.get(3)), Files.readAllBytes(b.get(3)));
  }

  @Test
  void writesPatientAndDescriptionsFromOptions() throws Exception {
    var options = new DicomSeriesWriter.Options("DOE^JANE", "P-42", "Abdomen", "T2 SPIR", "x");
    List<Path> files =
        new DicomSeriesWriter().write(volume(OBLIQUE, n -> n), tmp.resolve("o"), options);
    AttributeList list = TestFiles.read(files.get(0));
    assertEquals("DOE^JANE", TestFiles.text(list, TagFromName.PatientName));
    assertEquals("P-42", TestFiles.text(list, TagFromName.PatientID));
    assertEquals("Abdomen", TestFiles.text(list, TagFromName.StudyDescription));
    assertEquals("T2 SPIR", TestFiles.text(list, TagFromName.SeriesDescription));
    assertEquals("1", TestFiles.text(list, TagFromName.InstanceNumber));
  }

  @Test
  void dciodvfyReportsNoErrorForWrittenSlice() throws Exception {
    List<Path> files = write(volume(OBLIQUE, n -> n * 0.5f), tmp.resolve("v"), "dciodvfy");
    Process p =
        new ProcessBuilder("/usr/bin/dciodvfy", files.get(1).toString())
            .redirectErrorStream(true)
            .start();
    String report = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertFalse(report.lines().anyMatch(l -> l.startsWith("Error")), report);
    assertTrue(report.contains("MRImage"), report);
  }

  @Test
  void decimalStringsFitSixteenCharacters() {
    for (double v : new double[] {-185.123456789012345, 1e-20, 0.000333104446843, 123456789.123}) {
      String s = DecimalStrings.format(v);
      assertTrue(s.length() <= 16, s);
      assertEquals(v, Double.parseDouble(s), Math.abs(v) * 1e-9);
    }
  }

  private DicomSeries writeAndRead(ImageVolume volume, String seed) throws Exception {
    Path dir = tmp.resolve(seed);
    write(volume, dir, seed);
    return new DicomSeriesReader().read(dir);
  }

  private static List<Path> write(ImageVolume volume, Path dir, String seed) throws Exception {
    return new DicomSeriesWriter().write(volume, dir, DicomSeriesWriter.Options.withSeed(seed));
  }

  private static ImageVolume volume(Grid grid, java.util.function.IntToDoubleFunction f) {
    float[] v = new float[grid.voxelCount()];
    for (int n = 0; n < v.length; n++) {
      v[n] = (float) f.applyAsDouble(n);
    }
    return new ImageVolume(grid, v);
  }
}
