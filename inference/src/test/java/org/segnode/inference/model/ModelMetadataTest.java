package org.segnode.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.segnode.imaging.seg.Code;
import org.segnode.imaging.seg.SegmentDefinition;

class ModelMetadataTest {
  private static Map<String, String> valid() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("segnode.format", "1");
    m.put("segnode.model.name", "liver-mr-t2");
    m.put("segnode.model.version", "1.0.0");
    m.put("segnode.labels", "4=78961009^SCT^Spleen;1=10200004^SCT^Liver");
    m.put(
        "segnode.preprocessing",
        "v1;intensity=zscore(p0.5,p99.5);spacing=1.25x1.25;size=div16-pad;pad=0");
    m.put("segnode.postprocessing", "v1;largest=on;min-island-ml=1.5;holes=2d");
    m.put("segnode.input", "NCHW;context=2");
    m.put("segnode.divisor", "16");
    m.put("segnode.training", "CHAOS MR T2-SPIR, train 2,3,8 val 15 test 19, 100 epochs");
    m.put("segnode.validation", "dice.liver=0.912;hd95.liver=9.8");
    return m;
  }

  @Test
  void parsesEveryKeyIntoItsValue() {
    ModelMetadata m = ModelMetadata.parse(valid());
    assertEquals("liver-mr-t2", m.name());
    assertEquals("1.0.0", m.version());
    assertArrayEquals(new int[] {1, 4}, m.labelValues());
    assertEquals(new Code("78961009", "SCT", "Spleen"), m.labels().get(1).code());
    assertEquals(5, m.classes());
    assertEquals(5, m.inputChannels());
    assertEquals(2, m.context());
    assertEquals(16, m.divisor());
    assertEquals(
        1.25,
        ((org.segnode.imaging.preprocess.SpacingStep.Resample) m.preprocessing().spacing()).dx());
    assertTrue(m.postprocessing().keepLargest());
    assertEquals(Map.of("dice.liver", "0.912", "hd95.liver", "9.8"), m.validation());
  }

  @Test
  void toMapThenParseGivesTheSameMetadata() {
    ModelMetadata m = ModelMetadata.parse(valid());
    Map<String, String> written = m.toMap();
    assertEquals(m, ModelMetadata.parse(written));
    assertEquals("1=10200004^SCT^Liver;4=78961009^SCT^Spleen", written.get(ModelMetadata.LABELS));
    assertEquals(List.copyOf(valid().keySet()), List.copyOf(written.keySet()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "segnode.format",
        "segnode.model.name",
        "segnode.model.version",
        "segnode.labels",
        "segnode.preprocessing",
        "segnode.postprocessing",
        "segnode.input",
        "segnode.divisor",
        "segnode.training",
        "segnode.validation"
      })
  void aMissingKeyIsNamedWithTheExpectedForm(String key) {
    Map<String, String> m = valid();
    m.remove(key);
    var e = assertThrows(IllegalArgumentException.class, () -> ModelMetadata.parse(m));
    assertTrue(
        e.getMessage().startsWith("metadata key '" + key + "' missing (expected "), e.getMessage());
  }

  @Test
  void aMissingPreprocessingSpecQuotesAnExampleSpec() {
    Map<String, String> m = valid();
    m.remove(ModelMetadata.PREPROCESSING);
    var e = assertThrows(IllegalArgumentException.class, () -> ModelMetadata.parse(m));
    assertTrue(e.getMessage().contains("expected a preprocessing spec such as v1;intensity="));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "segnode.format|2",
        "segnode.model.name|liver mr",
        "segnode.model.version|''",
        "segnode.labels|''",
        "segnode.labels|1=10200004^SCT",
        "segnode.labels|0=10200004^SCT^Liver",
        "segnode.labels|1=10200004^SCT^Liver;1=78961009^SCT^Spleen",
        "segnode.preprocessing|v1;intensity=zscore(p0.5,p99.5);spacing=native;size=div16-pad",
        "segnode.postprocessing|v1;largest=maybe;min-island-ml=0;holes=off",
        "segnode.input|NHWC;context=0",
        "segnode.input|NCHW;context=16",
        "segnode.divisor|sixteen",
        "segnode.divisor|0",
        "segnode.divisor|2048",
        "segnode.training|' '",
        "segnode.validation|dice.liver",
        "segnode.validation|''"
      })
  void aMalformedValueIsNamedWithWhatWasFound(String key, String value) {
    Map<String, String> m = valid();
    m.put(key, value);
    var e = assertThrows(IllegalArgumentException.class, () -> ModelMetadata.parse(m));
    assertTrue(
        e.getMessage().startsWith("metadata key '" + key + "' malformed: expected "),
        e.getMessage());
    assertTrue(e.getMessage().contains("found"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void keysOutsideTheContractAreIgnored() {
    Map<String, String> m = valid();
    m.put("producer.note", "exported by a notebook");
    assertEquals(ModelMetadata.parse(valid()), ModelMetadata.parse(m));
  }

  @Test
  void labelMeaningsMayHoldSpaces() {
    ModelLabel label = ModelLabel.parse("2=9846003^SCT^Right kidney");
    assertEquals(new Code("9846003", "SCT", "Right kidney"), label.code());
    assertEquals("2=9846003^SCT^Right kidney", label.token());
  }

  @Test
  void aChaosLabelKeepsSegNodesSegmentDefinition() {
    assertEquals(
        SegmentDefinition.forLabel(4), ModelLabel.parse("4=78961009^SCT^Spleen").segment());
  }

  @Test
  void anUnknownConceptBecomesASegmentWithTheModelsCode() {
    SegmentDefinition s = ModelLabel.parse("5=64033007^SCT^Kidney").segment();
    assertEquals(5, s.number());
    assertEquals("Kidney", s.label());
    assertEquals(new Code("64033007", "SCT", "Kidney"), s.type());
  }
}
