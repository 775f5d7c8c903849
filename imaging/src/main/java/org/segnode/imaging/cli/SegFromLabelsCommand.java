package org.segnode.imaging.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.segnode.cli.CliCommand;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.labels.LabelSources;
import org.segnode.imaging.seg.SegOptions;
import org.segnode.imaging.seg.SegWriter;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.imaging.volume.LabelVolume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a DICOM SEG from a label map drawn on a DICOM series, as dcmqi's itkimage2segimage. */
@Command(
    name = "seg-from-labels",
    mixinStandardHelpOptions = true,
    description = {
      "Write a DICOM SEG for a DICOM series from a label map.",
      "Labels: a NIfTI label map (3D Slicer), a folder of per-slice PNG masks (CHAOS layout: the"
          + " n-th PNG by name belongs to the n-th DICOM file by name), or a SEG.",
      "Segment number = label value; 1-4 are liver, right kidney, left kidney, spleen (CHAOS"
          + " order, SNOMED CT codes); other values become generic segments."
    })
public final class SegFromLabelsCommand implements CliCommand {
  @Option(names = "--source", required = true, paramLabel = "DIR", description = "DICOM series")
  Path source;

  @Option(
      names = "--labels",
      required = true,
      paramLabel = "NII|PNG_DIR|SEG",
      description = "label map on (or overlapping) the series")
  Path labels;

  @Option(names = "--out", required = true, paramLabel = "SEG.dcm", description = "SEG to write")
  Path out;

  @Option(
      names = "--png-label",
      defaultValue = "1",
      description = "label of non-zero PNG pixels (default: ${DEFAULT-VALUE}, liver)")
  int pngLabel;

  @Option(
      names = "--empty-segment",
      defaultValue = "1",
      description = "segment listed when the labels are empty (default: ${DEFAULT-VALUE})")
  int emptySegment;

  @Option(
      names = "--series-description",
      defaultValue = "Segmentation",
      description = "Series Description of the SEG (default: ${DEFAULT-VALUE})")
  String seriesDescription;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME[:VERSION]",
      description = "the algorithm that made the labels; without it the segments are MANUAL")
  String algorithm;

  @Override
  public Integer call() throws Exception {
    DicomSeries series = new DicomSeriesReader().read(source);
    LabelVolume labelVolume = LabelSources.load(labels, series, pngLabel);
    int[] present = labelVolume.presentLabels();
    int[] numbers = present.length > 0 ? present : new int[] {emptySegment};
    List<SegmentDefinition> segments =
        IntStream.of(numbers).mapToObj(SegmentDefinition::forLabel).toList();
    SegWriter.write(series, labelVolume, segments, options(series), out);
    System.out.printf(
        "wrote %s: %d segments x %d slices%n", out, segments.size(), series.slices().size());
    return 0;
  }

  private SegOptions options(DicomSeries series) {
    String seed = series.seriesInstanceUid() + "|" + labels.toAbsolutePath();
    SegOptions options = SegOptions.defaults(seed).withSeries(300, seriesDescription);
    if (algorithm == null) {
      return options.manual();
    }
    String[] parts = algorithm.split(":", 2);
    return options.withAlgorithm(parts[0], parts.length > 1 ? parts[1] : "unknown");
  }
}
