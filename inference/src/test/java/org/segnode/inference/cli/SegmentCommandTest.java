package org.segnode.inference.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.cli.SegNodeCli;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.nifti.NiftiWriter;
import org.segnode.imaging.seg.SegRasterizer;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.imaging.seg.Segmentation;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.inference.Segmenter;
import org.segnode.inference.TinyModelAccess;
import org.segnode.inference.VolumesAccess;
import org.segnode.inference.onnx.OnnxModel;

class SegmentCommandTest {
  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void writeModel() throws Exception {
    model = TinyModelAccess.threshold(dir.resolve("liver.onnx"));
  }

  private Path dicomSeries() throws Exception {
    Grid grid =
        new Grid(
            24,
            20,
            4,
            new double[] {-100, -80, 20},
            new double[] {1, 0, 0},
            new double[] {0, 1, 0},
            new double[] {0, 0, 1},
            1.5,
            1.5,
            5);
    ImageVolume image = VolumesAccess.blob(grid, 21);
    Path series = dir.resolve("series");
    new DicomSeriesWriter().write(image, series, DicomSeriesWriter.Options.withSeed("seg-test"));
    return series;
  }

  private LabelVolume segmenterLabels(ImageVolume image) throws Exception {
    try (OnnxModel m = OnnxModel.load(model)) {
      return new Segmenter(m).segment(image).labels();
    }
  }

  @Test
  void bothCommandsAreFoundByTheLauncher() {
    var names = SegNodeCli.commandLine().getSubcommands().keySet();
    assertTrue(names.containsAll(List.of("segment", "evaluate")), names.toString());
  }

  @Test
  void aDicomSeriesGivesASegThatReadsBackAsTheSegmentersLabels() throws Exception {
    Path series = dicomSeries();
    Path seg = dir.resolve("out.dcm");
    Cli cli =
        Cli.run(
            "segment",
            "--model",
            model.toString(),
            "--input",
            series.toString(),
            "--out",
            seg.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    DicomSeries source = new DicomSeriesReader().read(series);
    Segmentation read = SegReader.read(seg);
    LabelVolume back = SegRasterizer.onto(read, source.volume().grid(), source.slices()).labels();
    LabelVolume expected = segmenterLabels(source.volume());
    assertTrue(expected.count(1) > 0, "the tiny model finds something");
    assertArrayEquals(expected.labels(), back.labels());
    assertEquals(1, read.segments().size());
    assertEquals("Liver", read.segments().get(0).label());
    assertEquals(source.seriesInstanceUid(), read.referencedSeriesUid());
    assertTrue(cli.out().contains("label 1 Liver: "), cli.out());
    assertTrue(cli.out().contains("ms per slice"), cli.out());
  }

  @Test
  void anOverviewOptionAddsAPngWithTheSegmentOutlines() throws Exception {
    Path series = dicomSeries();
    Path png = dir.resolve("overview.png");
    Cli cli =
        Cli.run(
            "segment",
            "--model",
            "" + model,
            "--input",
            "" + series,
            "--out",
            "" + dir.resolve("out.dcm"),
            "--overview",
            "" + png);
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(cli.out().contains("wrote " + png), cli.out());
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "PNG decodes");
    int[] liver = SegmentDefinition.forLabel(1).rgb();
    int colour = liver[0] << 16 | liver[1] << 8 | liver[2];
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    assertTrue(IntStream.of(px).anyMatch(p -> (p & 0xffffff) == colour), "liver outline pixels");
  }

  @Test
  void anOverviewNotEndingInPngIsAUsageError() throws Exception {
    Cli cli =
        Cli.run(
            "segment",
            "--model",
            "" + model,
            "--input",
            "" + dicomSeries(),
            "--out",
            "" + dir.resolve("x.dcm"),
            "--overview",
            "" + dir.resolve("x.jpg"));
    assertEquals(2, cli.exitCode());
    assertTrue(cli.err().contains("expected --overview ending in .png, found "), cli.err());
  }

  @Test
  void aRerunGivesTheSameSegUids() throws Exception {
    Path series = dicomSeries();
    Path a = dir.resolve("a.dcm");
    Path b = dir.resolve("b.dcm");
    Cli.run("segment", "--model", model.toString(), "--input", series.toString(), "--out", "" + a);
    Cli.run("segment", "--model", model.toString(), "--input", series.toString(), "--out", "" + b);
    assertEquals(SegReader.read(a).sopInstanceUid(), SegReader.read(b).sopInstanceUid());
  }

  @Test
  void aNiftiVolumeGivesALabelMapOnItsGrid() throws Exception {
    ImageVolume image = VolumesAccess.blob(Grid.axial(30, 26, 3, 1.25, 1.25, 7.7), 22);
    Path in = dir.resolve("image.nii.gz");
    NiftiWriter.write(image, in);
    Path out = dir.resolve("labels.nii.gz");
    Cli cli =
        Cli.run("segment", "--model", model.toString(), "--input", "" + in, "--out", "" + out);
    assertEquals(0, cli.exitCode(), cli.err());
    ImageVolume reread = NiftiReader.readImage(in);
    assertArrayEquals(segmenterLabels(reread).labels(), NiftiReader.readLabels(out).labels());
  }

  @Test
  void aSegFromANiftiInputIsAUsageError() throws Exception {
    Path in = dir.resolve("image.nii");
    NiftiWriter.write(VolumesAccess.blob(Grid.axial(8, 8, 2, 1, 1, 1), 23), in);
    Cli cli =
        Cli.run(
            "segment",
            "--model",
            "" + model,
            "--input",
            "" + in,
            "--out",
            "" + dir.resolve("x.dcm"));
    assertEquals(2, cli.exitCode());
    assertTrue(cli.err().contains("a SEG (--out .dcm) needs a DICOM series as --input"), cli.err());
  }

  @Test
  void aBrokenModelFailsWithOneLine() throws Exception {
    Path bad = java.nio.file.Files.writeString(dir.resolve("bad.onnx"), "nope");
    Cli cli =
        Cli.run(
            "segment",
            "--model",
            "" + bad,
            "--input",
            "" + dicomSeries(),
            "--out",
            "" + dir.resolve("x.dcm"));
    assertEquals(SegNodeCli.FAILED, cli.exitCode());
    assertTrue(
        cli.err().startsWith("segment: error: model bad.onnx: not a readable ONNX model"),
        cli.err());
    assertEquals(1, cli.err().lines().count());
  }
}
