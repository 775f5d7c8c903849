package org.segnode.inference.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.segnode.cli.CliCommand;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.nifti.NiftiWriter;
import org.segnode.imaging.render.Overview;
import org.segnode.imaging.seg.SegOptions;
import org.segnode.imaging.seg.SegWriter;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.inference.SegmentationResult;
import org.segnode.inference.eval.Formats;
import org.segnode.inference.model.ModelLabel;
import org.segnode.inference.model.ModelMetadata;
import org.segnode.inference.onnx.OnnxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Segments one DICOM series or NIfTI volume with a model and writes a SEG or a label map. */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description = {
      "Segment a DICOM series or a NIfTI volume with a SegNode ONNX model.",
      "A DICOM input with a .dcm output gives a DICOM SEG on the series (one segment per model"
          + " label; the same model and series always give the same SEG UIDs); a .nii or .nii.gz"
          + " output gives a label map on the input's grid.",
      "--overview adds a PNG for a quick look: label outlines on up to 12 slices."
    })
public final class SegmentCommand implements CliCommand {
  /** Series Number of the SEGs this command writes. */
  public static final int SEG_SERIES_NUMBER = 300;

  @Mixin ModelOptions modelOptions;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "DIR|NII",
      description = "a DICOM series (folder or file) or a .nii/.nii.gz volume")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "SEG.dcm|NII", description = "output")
  Path out;

  @Option(
      names = "--overview",
      paramLabel = "FILE.png",
      description = "also write a PNG overview (label outlines in the segments' colours)")
  Path overview;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkUsage();
    PrintWriter stdout = spec.commandLine().getOut();
    try (OnnxModel model = modelOptions.open()) {
      DicomSeries series = Formats.isNifti(input) ? null : new DicomSeriesReader().read(input);
      ImageVolume image = series == null ? NiftiReader.readImage(input) : series.volume();
      SegmentationResult result = modelOptions.segmenter(model).segment(image);
      write(series, result, model.metadata());
      if (overview != null) {
        Overview.write(image, result.labels(), segments(model.metadata()), overview);
      }
      report(stdout, model.metadata(), result);
    }
    return 0;
  }

  private void checkUsage() {
    String problem = modelOptions.problem();
    if (problem == null && !Formats.isNifti(out) && !Formats.isDcm(out)) {
      problem = "expected --out ending in .dcm, .nii or .nii.gz, found " + out;
    }
    if (problem == null
        && overview != null
        && !overview.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      problem = "expected --overview ending in .png, found " + overview;
    }
    if (problem == null && Formats.isDcm(out) && Formats.isNifti(input)) {
      problem = "a SEG (--out .dcm) needs a DICOM series as --input, found the NIfTI " + input;
    }
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
  }

  /** A label map for a .nii output; otherwise a SEG on {@code series} (checkUsage ensured one). */
  private void write(DicomSeries series, SegmentationResult result, ModelMetadata metadata)
      throws IOException {
    if (Formats.isNifti(out)) {
      NiftiWriter.write(result.labels(), out);
      return;
    }
    SegWriter.write(series, result.labels(), segments(metadata), segOptions(series, metadata), out);
  }

  private static List<SegmentDefinition> segments(ModelMetadata metadata) {
    return metadata.labels().stream().map(ModelLabel::segment).toList();
  }

  /** SEG identity: reruns of one model version on one series give the same UIDs. */
  static SegOptions segOptions(DicomSeries series, ModelMetadata metadata) {
    String seed =
        series.seriesInstanceUid() + "|segnode|" + metadata.name() + "|" + metadata.version();
    String description = "SegNode " + metadata.name() + " " + metadata.version();
    return SegOptions.defaults(seed)
        .withSeries(SEG_SERIES_NUMBER, description)
        .withAlgorithm(metadata.name(), metadata.version());
  }

  private void report(PrintWriter stdout, ModelMetadata metadata, SegmentationResult result) {
    stdout.printf("model %s %s%n", metadata.name(), metadata.version());
    for (ModelLabel label : metadata.labels()) {
      stdout.printf(
          "label %d %s: %s mL%n",
          label.value(),
          label.code().meaning(),
          Formats.fixed(result.volumesMl().get(label.value()), 1));
    }
    SegmentationResult.Timings t = result.timings();
    stdout.printf("confidence %s%n", Formats.fixed(result.confidence(), 3));
    stdout.printf(
        "timings: preprocess %s ms, inference %s ms per slice (%d slices, %s ms),"
            + " postprocess %s ms%n",
        Formats.fixed(t.preprocessMs(), 0),
        Formats.fixed(t.inferenceMsPerSlice(), 1),
        t.slices(),
        Formats.fixed(t.inferenceMs(), 0),
        Formats.fixed(t.postprocessMs(), 0));
    stdout.printf("wrote %s%n", out);
    if (overview != null) {
      stdout.printf("wrote %s%n", overview);
    }
    stdout.flush();
  }
}
