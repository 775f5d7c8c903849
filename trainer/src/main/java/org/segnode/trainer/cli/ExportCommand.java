package org.segnode.trainer.cli;

import java.nio.file.Path;
import org.segnode.cli.CliCommand;
import org.segnode.trainer.export.ModelPackager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segnode export}: a run's best checkpoint to the ONNX model the node loads. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export a training run's best checkpoint to ONNX with SegNode's model metadata.",
      "The exported model is then evaluated as the node runs it (ONNX Runtime, original grids) on"
          + " the run's validation patients; the figures go into its metadata and"
          + " RUN/report/validation.csv."
    })
public final class ExportCommand implements CliCommand {
  @Option(names = "--run", required = true, description = "training run folder")
  Path run;

  @Option(names = "--out", required = true, description = "model file to write (.onnx)")
  Path out;

  @Option(names = "--data-root", description = "root of the dataset's relative paths")
  Path dataRoot;

  @Override
  public Integer call() throws Exception {
    ModelPackager.Packaged packaged =
        ModelPackager.packageRun(run, dataRoot != null ? dataRoot : DataRoot.defaultRoot(), out);
    System.out.print(packaged.validation().text());
    System.out.println("wrote " + packaged.model());
    return 0;
  }
}
