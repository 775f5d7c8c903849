package org.segnode.trainer.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.trainer.model.UNetSpec;

/**
 * {@code run.properties} in a run folder: what the exporter needs to describe the model in its
 * metadata (name, version, labels, pre- and postprocessing, input layout), and the dataset and
 * network the run used. Written when a fresh run starts, read by {@code segnode export}.
 */
public record RunRecord(
    String name,
    String version,
    int maxLabel,
    int context,
    PreprocessingSpec preprocessing,
    Postprocessing postprocessing,
    UNetSpec net,
    String dataset) {

  public static final String FILE = "run.properties";

  static RunRecord of(TrainingConfig cfg) {
    return new RunRecord(
        cfg.modelName(),
        cfg.modelVersion(),
        cfg.maxLabel(),
        cfg.context(),
        cfg.preprocessing(),
        cfg.postprocessing(),
        cfg.net(),
        cfg.dataset().toString());
  }

  public void save(Path runDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("name", name);
    p.setProperty("version", version);
    p.setProperty("maxLabel", Integer.toString(maxLabel));
    p.setProperty("context", Integer.toString(context));
    p.setProperty("preprocessing", preprocessing.toString());
    p.setProperty("postprocessing", postprocessing.toString());
    p.setProperty("design", net.design().name());
    p.setProperty("depth", Integer.toString(net.depth()));
    p.setProperty("filters", Integer.toString(net.baseFilters()));
    p.setProperty("dataset", dataset);
    try (Writer w = Files.newBufferedWriter(runDir.resolve(FILE))) {
      p.store(w, "SegNode training run");
    }
  }

  public static RunRecord load(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    try {
      int maxLabel = Integer.parseInt(p.getProperty("maxLabel"));
      int context = Integer.parseInt(p.getProperty("context"));
      UNetSpec net =
          new UNetSpec(
              UNetSpec.Design.valueOf(p.getProperty("design")),
              Integer.parseInt(p.getProperty("depth")),
              Integer.parseInt(p.getProperty("filters")),
              1 + 2 * context,
              maxLabel + 1);
      return new RunRecord(
          p.getProperty("name"),
          p.getProperty("version"),
          maxLabel,
          context,
          PreprocessingSpec.parse(p.getProperty("preprocessing")),
          Postprocessing.parse(p.getProperty("postprocessing")),
          net,
          p.getProperty("dataset"));
    } catch (RuntimeException e) {
      throw new IOException(
          file
              + ": expected a complete run record, found "
              + p.keySet()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
