package org.segnode.trainer.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.inference.Segmenter;
import org.segnode.inference.eval.CaseEvaluator;
import org.segnode.inference.eval.EvaluationTable;
import org.segnode.inference.model.ModelLabel;
import org.segnode.inference.model.ModelMetadata;
import org.segnode.inference.onnx.OnnxModel;
import org.segnode.trainer.data.CaseLoader;
import org.segnode.trainer.data.CaseSpec;
import org.segnode.trainer.data.DatasetFile;
import org.segnode.trainer.train.Checkpoints;
import org.segnode.trainer.train.RunRecord;
import org.segnode.trainer.train.TrainingState;

/**
 * Turns a run's best checkpoint into the ONNX model the node loads: exports it with its metadata,
 * evaluates the exported model with the node's own {@link Segmenter} on the validation patients (on
 * their original grids, with Dice, HD95 and mean surface distance), and writes those figures into
 * the model's metadata and the run's {@code report/validation.csv}.
 */
public final class ModelPackager {
  private ModelPackager() {}

  /** The exported model and its validation table. */
  public record Packaged(Path model, EvaluationTable validation) {}

  public static Packaged packageRun(Path runDir, Path dataRoot, Path out) throws IOException {
    RunRecord run = RunRecord.load(runDir);
    Checkpoints checkpoints = new Checkpoints(runDir.resolve("checkpoints"));
    TrainingState state = TrainingState.load(checkpoints.state());
    ComputationGraph net = Checkpoints.load(checkpoints.best());
    List<CaseSpec> cases = DatasetFile.read(Path.of(run.dataset()), dataRoot);
    String training = summary(run, state, cases);
    Map<String, String> provisional = Map.of("dice.model-grid", fixed(state.bestDice()));
    OnnxExporter.export(net, metadata(run, training, provisional).toMap(), out);
    EvaluationTable table = evaluate(out, cases);
    OnnxExporter.export(net, metadata(run, training, figures(table)).toMap(), out);
    Files.createDirectories(runDir.resolve("report"));
    Files.writeString(runDir.resolve("report/validation.csv"), table.csv());
    return new Packaged(out, table);
  }

  static ModelMetadata metadata(RunRecord run, String training, Map<String, String> validation) {
    List<ModelLabel> labels =
        IntStream.rangeClosed(1, run.maxLabel())
            .mapToObj(l -> ModelLabel.fromSegment(SegmentDefinition.forLabel(l)))
            .toList();
    return new ModelMetadata(
        run.name(),
        run.version(),
        labels,
        run.preprocessing(),
        run.postprocessing(),
        run.context(),
        run.net().divisor(),
        training,
        validation);
  }

  private static EvaluationTable evaluate(Path model, List<CaseSpec> cases) throws IOException {
    EvaluationTable table = new EvaluationTable();
    try (OnnxModel onnx = OnnxModel.load(model)) {
      Segmenter segmenter = new Segmenter(onnx);
      for (CaseSpec spec : cases) {
        if (spec.split() == CaseSpec.Split.VALIDATION) {
          CaseLoader.LoadedCase c = CaseLoader.load(spec);
          CaseEvaluator.evaluate(segmenter, spec.id(), c.image(), c.labels(), table);
        }
      }
    }
    return table;
  }

  /** Mean figures per structure, e.g. dice.liver=0.93;hd95.liver=7.1;msd.liver=1.6. */
  private static Map<String, String> figures(EvaluationTable table) {
    Map<String, String> out = new LinkedHashMap<>();
    for (EvaluationTable.Row r : table.withMeans()) {
      if (r.patient().equals(EvaluationTable.MEAN)) {
        String name = r.structure().toLowerCase(Locale.ROOT).replace(' ', '-');
        out.put("dice." + name, fixed(r.dice()));
        out.put("hd95." + name, fixed(r.hd95Mm()));
        out.put("msd." + name, fixed(r.msdMm()));
      }
    }
    return out;
  }

  private static String summary(RunRecord run, TrainingState state, List<CaseSpec> cases) {
    return String.format(
        Locale.ROOT,
        "%s: train %s, validation %s (split by patient); %s U-Net depth %d, %d filters, context"
            + " %d; best epoch %d of %d",
        Path.of(run.dataset()).getFileName(),
        ids(cases, CaseSpec.Split.TRAIN),
        ids(cases, CaseSpec.Split.VALIDATION),
        run.net().design(),
        run.net().depth(),
        run.net().baseFilters(),
        run.context(),
        state.bestEpoch(),
        state.epoch());
  }

  private static String ids(List<CaseSpec> cases, CaseSpec.Split split) {
    return cases.stream()
        .filter(c -> c.split() == split)
        .map(CaseSpec::id)
        .collect(Collectors.joining(","));
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
