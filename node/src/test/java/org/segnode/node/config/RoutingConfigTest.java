package org.segnode.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingConfigTest {
  @TempDir Path dir;

  @Test
  void shippedRoutingFileIsTheBuiltInDefault() throws Exception {
    NodeConfig shipped = NodeConfig.load(Path.of("../conf"), Path.of("../ae-config"), dir);
    Files.createDirectories(dir.resolve("conf"));
    NodeConfig builtIn = NodeConfig.load(dir.resolve("conf"), Path.of("../ae-config"), dir);

    for (NodeConfig config : List.of(shipped, builtIn)) {
      assertEquals(1, config.routing().size(), "rules " + config.routing());
      RoutingRule rule = config.routing().get(0);
      assertEquals("liver-mr", rule.name());
      assertEquals(Map.of("Modality", "MR"), patterns(rule));
      assertEquals(Orientation.AXIAL, rule.orientation());
      assertEquals(config.segment().modelPath(), rule.modelPath());
      assertEquals(List.of("pacs"), rule.destinations());
    }
  }

  @Test
  void rulesKeepTheirOrderAndTheirOwnModelAndDestinations() throws Exception {
    Path model = Files.writeString(dir.resolve("other.onnx"), "not read by the loader");
    writeDestinations("a", "b");
    writeRouting(
        "rules=ct, mr\n"
            + "rule.ct.match.Modality=CT\nrule.ct.model="
            + model
            + "\nrule.ct.destinations=b\n"
            + "rule.mr.match.SeriesDescription=.*t2.*\nrule.mr.orientation=CORONAL\n");
    NodeConfig config = load();

    assertEquals(List.of("ct", "mr"), config.routing().stream().map(RoutingRule::name).toList());
    RoutingRule ct = config.rule("ct").orElseThrow();
    assertEquals(model.toAbsolutePath(), ct.modelPath());
    assertEquals(List.of("b"), ct.destinations());
    RoutingRule mr = config.rule("mr").orElseThrow();
    assertEquals(Orientation.CORONAL, mr.orientation());
    assertEquals(List.of("a", "b"), mr.destinations());
    assertEquals(config.segment().modelPath(), mr.modelPath());
  }

  @Test
  void everyRoutingErrorIsReportedAtOnceWithItsKeyPath() throws Exception {
    writeDestinations("pacs");
    writeRouting(
        "rules=liver, liver, bad name\n"
            + "rule.liver.match.Modality=(MR\n"
            + "rule.liver.match.PatientName=.*\n"
            + "rule.liver.orientation=oblique\n"
            + "rule.liver.model=models/missing.onnx\n"
            + "rule.liver.destinations=pacs, archive\n"
            + "rule.liver.colour=red\n"
            + "rule.spare.model=x.onnx\n");
    ConfigException e = assertThrows(ConfigException.class, this::load);

    Path missing = Path.of("models/missing.onnx").toAbsolutePath().normalize();
    String file = "conf/routing.properties: key '";
    assertEquals(
        List.of(
            file + "rules': expected each rule named once, found 'liver' twice",
            file + "rules': expected rule names of letters, digits, '-' and '_', found 'bad name'",
            file
                + "rule.liver.match.Modality': expected a regular expression, found '(MR'"
                + " (Unclosed group)",
            file
                + "rule.liver.match.PatientName': expected a keyword of [BodyPartExamined,"
                + " ImageType, MRAcquisitionType, Manufacturer, ManufacturerModelName, Modality,"
                + " ProtocolName, SOPClassUID, ScanningSequence, SequenceName, SeriesDescription],"
                + " found PatientName",
            file
                + "rule.liver.orientation': expected axial, coronal, sagittal or any, found"
                + " 'oblique'",
            file + "rule.liver.model': expected an existing model file, found none at " + missing,
            file
                + "rule.liver.destinations': expected destination names from"
                + " ae-config/destinations.properties [pacs], found 'archive'",
            file + "rule.spare.model': expected a rule listed in 'rules' [liver], found 'spare'",
            file + "rule.liver.colour': expected a known key, found an unknown one"),
        e.errors());
  }

  @Test
  void purgeDefaultsAndRange() throws Exception {
    writeDestinations("pacs");
    assertEquals(new PurgeSettings(Duration.ofDays(7), Duration.ofMinutes(60)), load().purge());
    Files.writeString(
        dir.resolve("conf/segnode.properties"),
        "purge.retention-days=-1\npurge.interval-minutes=0\n");
    ConfigException e = assertThrows(ConfigException.class, this::load);
    assertEquals(
        List.of(
            "conf/segnode.properties: key 'purge.retention-days': expected 0..36500, found '-1'",
            "conf/segnode.properties: key 'purge.interval-minutes': expected 1..10080, found '0'"),
        e.errors());
  }

  @Test
  void retentionZeroTurnsPurgingOff() throws Exception {
    writeDestinations("pacs");
    Files.writeString(dir.resolve("conf/segnode.properties"), "purge.retention-days=0\n");
    assertEquals(false, load().purge().enabled());
  }

  private static Map<String, String> patterns(RoutingRule rule) {
    Map<String, String> patterns = new TreeMap<>();
    rule.matches().forEach((k, v) -> patterns.put(k, v.pattern()));
    return patterns;
  }

  private NodeConfig load() throws ConfigException {
    return NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
  }

  private void writeRouting(String text) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/routing.properties"), text);
  }

  private void writeDestinations(String... names) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "STORESCU=127.0.0.1\n");
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      text.append("destination.")
          .append(name)
          .append(".ae=")
          .append(name.toUpperCase())
          .append('\n');
      text.append("destination.").append(name).append(".host=127.0.0.1\n");
      text.append("destination.").append(name).append(".port=104\n");
    }
    Files.writeString(dir.resolve("ae-config/destinations.properties"), text);
  }
}
