package org.segnode.imaging.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.labels.LabelResampler;
import org.segnode.imaging.labels.PngMaskFolder;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/**
 * The SEGs we write pass dicom3tools' dciodvfy without an error, and the OHIF viewer's own loader
 * paints exactly our mask on every source image: for real CT (CHAOS), a CHAOS MR patient converted
 * to DICOM with all four organs, a 510 x 510 source, a single slice, and an empty result.
 */
class SegConformanceTest {
  @TempDir static Path dir;

  /** A source series on disk, the labels to write for it, and the segments to list. */
  record Case(String name, Path sourceDir, LabelVolume labels, int[] segments) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws Exception {
    return Stream.of(
        chaosCt(),
        chaosMr(),
        synthetic("510x510", 510, 510, 4),
        synthetic("single-slice", 64, 48, 1),
        empty());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void dciodvfyFindsNoErrorAndOhifPaintsExactlyOurMask(Case c) throws Exception {
    DicomSeries source = new DicomSeriesReader().read(c.sourceDir());
    Path seg = dir.resolve(c.name() + ".dcm");
    SegWriter.write(
        source,
        c.labels(),
        SegWriterTest.segments(c.segments()),
        SegWriterTest.options(c.name()),
        seg);
    Dciodvfy.assertNoErrors(seg);
    OhifSegLoader.Result ohif = OhifSegLoader.load(seg, c.sourceDir());
    assertEquals(c.segments().length, ohif.segments().size(), "segments OHIF lists");
    for (int k = 0; k < source.slices().size(); k++) {
      String sop = source.slices().get(k).sopInstanceUid();
      Map<Integer, BitSet> painted = ohif.pixels().getOrDefault(sop, Map.of());
      for (int segment : c.segments()) {
        assertEquals(
            mask(c.labels(), k, segment),
            painted.getOrDefault(segment, new BitSet()),
            c.name() + ": slice " + k + " segment " + segment);
      }
    }
    LabelVolume back =
        SegRasterizer.onto(SegReader.read(seg), source.volume().grid(), source.slices()).labels();
    assertArrayEquals(c.labels().labels(), back.labels(), "our reader gives the labels back");
  }

  /**
   * OHIF's loader (adapters 5.14.0) accepts bit-packed Pixel Data only at exactly the packed
   * length, so it refuses the pad byte PS3.5 requires when frames x rows x columns / 8 is odd (here
   * 3 frames of 510 x 510 plus 3 more: 195075 bytes, written as 195076). A viewer bug, pinned here
   * so we notice when it is fixed; see docs/seg.md.
   */
  @org.junit.jupiter.api.Test
  void ohifRefusesPackedPixelDataThatNeededAPadByte() throws Exception {
    Case c = synthetic("510-odd", 510, 510, 3);
    DicomSeries source = new DicomSeriesReader().read(c.sourceDir());
    Path seg = dir.resolve("510-odd.dcm");
    SegWriter.write(
        source,
        c.labels(),
        SegWriterTest.segments(c.segments()),
        SegWriterTest.options("510-odd"),
        seg);
    Dciodvfy.assertNoErrors(seg);
    AssertionError e =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> OhifSegLoader.load(seg, c.sourceDir()));
    assertTrue(
        e.getMessage().contains("Unexpected 1-bit SEG PixelData length 195076"), e.getMessage());
  }

  private static BitSet mask(LabelVolume labels, int k, int segment) {
    BitSet bits = new BitSet();
    int size = labels.grid().sliceSize();
    for (int p = 0; p < size; p++) {
      if ((labels.labels()[k * size + p] & 0xff) == segment) {
        bits.set(p);
      }
    }
    return bits;
  }

  private static Case chaosCt() throws Exception {
    Path dicom = SharedData.path("chaos-ct-sample/case1/DICOM_anon");
    DicomSeries series = new DicomSeriesReader().read(dicom);
    LabelVolume liver =
        PngMaskFolder.read(
            SharedData.path("chaos-ct-sample/case1/Ground"),
            series.volume().grid(),
            1,
            series.sliceOfFileInNameOrder());
    assertTrue(liver.count(1) > 100_000, "the CT case has a liver");
    return new Case("chaos-ct", dicom, liver, new int[] {1});
  }

  private static Case chaosMr() throws Exception {
    Path out = dir.resolve("chaos-mr-2");
    ImageVolume image = NiftiReader.readImage(SharedData.path("chaos-t2spir/2/image_2.nii.gz"));
    new DicomSeriesWriter().write(image, out, DicomSeriesWriter.Options.withSeed("chaos-2"));
    Grid grid = new DicomSeriesReader().read(out).volume().grid();
    LabelVolume organs =
        LabelResampler.toGrid(
            NiftiReader.readLabels(SharedData.path("chaos-t2spir/2/label_2.nii.gz")), grid);
    assertArrayEquals(new int[] {1, 2, 3, 4}, organs.presentLabels());
    return new Case("chaos-mr", out, organs, new int[] {1, 2, 3, 4});
  }

  private static Case synthetic(String name, int nx, int ny, int nz) throws Exception {
    Grid grid =
        new Grid(
            nx,
            ny,
            nz,
            new double[] {-150, -120, 30},
            new double[] {1, 0, 0},
            new double[] {0, 0.996, -0.0872},
            new double[] {0, 0.0872, 0.996},
            0.7,
            0.7,
            3.0);
    Path out = dir.resolve(name);
    float[] voxels = new float[grid.voxelCount()];
    IntStream.range(0, voxels.length).forEach(v -> voxels[v] = v % 1000);
    new DicomSeriesWriter()
        .write(new ImageVolume(grid, voxels), out, DicomSeriesWriter.Options.withSeed(name));
    Grid read = new DicomSeriesReader().read(out).volume().grid();
    return new Case(name, out, SegWriterTest.randomLabels(read, 2, nx), new int[] {1, 2});
  }

  private static Case empty() throws Exception {
    Case mr = synthetic("empty", 32, 32, 4);
    return new Case(
        "empty-result", mr.sourceDir(), LabelVolume.empty(mr.labels().grid()), new int[] {1});
  }
}
