package org.segnode.inference.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.segnode.cli.CliCommand;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.inference.Segmenter;
import org.segnode.inference.eval.CaseEvaluator;
import org.segnode.inference.eval.EvaluationTable;
import org.segnode.inference.onnx.OnnxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs a model on labelled NIfTI cases and compares with the reference, label by label. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a SegNode ONNX model on labelled cases in the chaos-t2spir layout (folders N with"
          + " image_N.nii.gz and label_N.nii.gz).",
      "Prints Dice, HD95, mean surface distance and volume difference per patient and model label,"
          + " with a mean row per label; distances are inf where one mask is empty."
    })
public final class EvaluateCommand implements CliCommand {
  /** Output formats of the table on standard output. */
  enum Format {
    table,
    csv
  }

  @Mixin ModelOptions modelOptions;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "cases folder")
  Path data;

  @Option(names = "--patients", split = ",", paramLabel = "N", description = "only these cases")
  List<String> patients;

  @Option(names = "--csv", paramLabel = "FILE", description = "also write the table as CSV")
  Path csv;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "standard output as ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Format format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (modelOptions.problem() != null) {
      throw new ParameterException(spec.commandLine(), modelOptions.problem());
    }
    List<ChaosCases.Case> cases = ChaosCases.find(data, patients);
    EvaluationTable table = new EvaluationTable();
    try (OnnxModel model = modelOptions.open()) {
      Segmenter segmenter = modelOptions.segmenter(model);
      for (ChaosCases.Case c : cases) {
        evaluate(segmenter, c, table);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.csv ? table.csv() : table.text());
    out.flush();
    if (csv != null) {
      Files.writeString(csv, table.csv(), StandardCharsets.UTF_8);
    }
    return 0;
  }

  private static void evaluate(Segmenter segmenter, ChaosCases.Case c, EvaluationTable table)
      throws IOException {
    ImageVolume image = NiftiReader.readImage(c.image());
    LabelVolume reference = NiftiReader.readLabels(c.labels());
    CaseEvaluator.evaluate(segmenter, c.patient(), image, reference, table);
  }
}
