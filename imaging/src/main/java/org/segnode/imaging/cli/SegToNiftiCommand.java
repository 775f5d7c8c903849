package org.segnode.imaging.cli;

import java.nio.file.Path;
import org.segnode.cli.CliCommand;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.nifti.NiftiWriter;
import org.segnode.imaging.seg.SegRasterizer;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.seg.Segmentation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reads any SEG back into a NIfTI label map, for research users and for checking our output. */
@Command(
    name = "seg-to-nifti",
    mixinStandardHelpOptions = true,
    description = {
      "Write the labels of a DICOM SEG as a NIfTI label map.",
      "BINARY, FRACTIONAL (thresholded at 0.5) and LABELMAP SEGs are read. The labels land on"
          + " the source series' grid when --source is given, else on the grid the SEG's own"
          + " frames describe."
    })
public final class SegToNiftiCommand implements CliCommand {
  @Option(names = "--seg", required = true, paramLabel = "SEG.dcm", description = "the SEG")
  Path seg;

  @Option(names = "--source", paramLabel = "DIR", description = "its source DICOM series")
  Path source;

  @Option(names = "--out", required = true, paramLabel = "NII", description = ".nii or .nii.gz")
  Path out;

  @Override
  public Integer call() throws Exception {
    Segmentation segmentation = SegReader.read(seg);
    SegRasterizer.Result result;
    if (source != null) {
      DicomSeries series = new DicomSeriesReader().read(source);
      result = SegRasterizer.onto(segmentation, series.volume().grid(), series.slices());
    } else {
      result = SegRasterizer.onOwnGrid(segmentation);
    }
    NiftiWriter.write(result.labels(), out);
    System.out.printf(
        "wrote %s: %d segments, %d voxels claimed by more than one segment%n",
        out, segmentation.segments().size(), result.overlappingVoxels());
    return 0;
  }
}
