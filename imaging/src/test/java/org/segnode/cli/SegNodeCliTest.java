package org.segnode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.volume.LabelVolume;
import picocli.CommandLine;

class SegNodeCliTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = SegNodeCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void listsTheImagingCommandsInItsHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = SegNodeCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("--help"));
    for (String command : new String[] {"dicom-from-nifti", "seg-from-labels", "seg-to-nifti"}) {
      assertTrue(out.toString().contains(command), command + " in " + out);
    }
  }

  @Test
  void aWrongArgumentGivesOneLineAndExitCodeTwo() {
    assertEquals(2, run("seg-from-labels", "--source", "a", "--labels", "b", "--out", "c", "-x"));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertEquals(2, run("no-such-command"));
  }

  @Test
  void aFailureWhileWorkingGivesOneLineAndExitCodeOne() throws Exception {
    Path notDicom = Files.createDirectories(dir.resolve("series"));
    Files.writeString(notDicom.resolve("a.dcm"), "plain text");
    int code =
        run(
            "seg-from-labels",
            "--source",
            notDicom.toString(),
            "--labels",
            dir.toString(),
            "--out",
            dir.resolve("x.dcm").toString());
    assertEquals(1, code);
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("a.dcm"), err.toString());
  }

  /** dicom-from-nifti, then seg-from-labels with the NIfTI labels, then seg-to-nifti back. */
  @Test
  void convertsAChaosPatientAndItsLabelsToDicomAndBack() throws Exception {
    Path series = dir.resolve("mr");
    Path seg = dir.resolve("seg.dcm");
    Path back = dir.resolve("back.nii.gz");
    Path labels = SharedData.path("chaos-t2spir/3/label_3.nii.gz");
    assertEquals(
        0,
        run(
            "dicom-from-nifti",
            "--image",
            SharedData.path("chaos-t2spir/3/image_3.nii.gz").toString(),
            "--out",
            series.toString()));
    assertEquals(
        0,
        run(
            "seg-from-labels",
            "--source",
            series.toString(),
            "--labels",
            labels.toString(),
            "--out",
            seg.toString()),
        err.toString());
    assertEquals(
        0,
        run(
            "seg-to-nifti",
            "--seg",
            seg.toString(),
            "--source",
            series.toString(),
            "--out",
            back.toString()),
        err.toString());
    DicomSeries source = new DicomSeriesReader().read(series);
    LabelVolume original =
        org.segnode.imaging.labels.LabelResampler.toGrid(
            NiftiReader.readLabels(labels), source.volume().grid());
    LabelVolume roundTrip = NiftiReader.readLabels(back);
    assertTrue(roundTrip.grid().sameAs(source.volume().grid(), 1e-3), "on the series grid");
    assertArrayEquals(original.labels(), roundTrip.labels());
    assertEquals(1263, original.volumeMl(1), 1263 * 0.01, "liver mL as MANIFEST.tsv says");
  }
}
