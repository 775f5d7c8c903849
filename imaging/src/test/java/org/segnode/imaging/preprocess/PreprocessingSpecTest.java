package org.segnode.imaging.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PreprocessingSpecTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1;intensity=zscore(p0.5,p99.5);spacing=1.25x1.25;size=div16-pad;pad=0",
        "v1;intensity=minmax8-histeq(volume);spacing=native;size=native;pad=-1",
        "v1;intensity=minmax8-histeq(slice);spacing=0.7x1.5;size=div32-crop;pad=0.125",
        "v1;intensity=none;spacing=2x2;size=fixed256x192;pad=100"
      })
  void writesBackExactlyTheStringItParsed(String text) {
    PreprocessingSpec spec = PreprocessingSpec.parse(text);
    assertEquals(text, spec.toString());
    assertEquals(spec, PreprocessingSpec.parse(spec.toString()));
  }

  @Test
  void parsesTheDocumentedExampleIntoItsSteps() {
    PreprocessingSpec spec =
        PreprocessingSpec.parse(
            "v1;intensity=zscore(p0.5,p99.5);spacing=1.25x1.5;size=div16-pad;pad=0");
    assertEquals(new IntensityStep.ZScore(0.5, 99.5), spec.intensity());
    assertEquals(new SpacingStep.Resample(1.25, 1.5), spec.spacing());
    assertEquals(new SizeStep.Divisible(16, false), spec.size());
    assertEquals(0.0, spec.padValue());
  }

  @Test
  void acceptsKeysInAnyOrder() {
    PreprocessingSpec spec =
        PreprocessingSpec.parse("v1;pad=0;size=native;spacing=native;intensity=none");
    assertEquals("v1;intensity=none;spacing=native;size=native;pad=0", spec.toString());
  }

  @Test
  void roundTripsBuiltSpecsIncludingAwkwardNumbers() {
    PreprocessingSpec[] specs = {
      new PreprocessingSpec(
          new IntensityStep.ZScore(-0.0, 100),
          new SpacingStep.Native(),
          new SizeStep.Native(),
          -0.0),
      new PreprocessingSpec(
          new IntensityStep.ZScore(1e-5, 99.99999),
          new SpacingStep.Resample(0.1 + 0.2, 1e3),
          new SizeStep.Fixed(7, 999999),
          123456.789)
    };
    for (PreprocessingSpec spec : specs) {
      assertEquals(spec, PreprocessingSpec.parse(spec.toString()), spec.toString());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v2;intensity=none;spacing=native;size=native;pad=0 | version 'v1'",
        "v1;intensity=none;spacing=native;size=native;pad=0;crop=1 | unknown key 'crop'",
        "v1;intensity=none;spacing=native;size=native | missing key 'pad'",
        "v1;intensity=none;spacing=native;size=native;pad=0;pad=0 | key 'pad' given twice",
        "v1;intensity=none;spacing=native;size=native;pad | expected 'key=value'",
        "v1;intensity=zscore(0.5,99.5);spacing=native;size=native;pad=0 | key 'intensity'",
        "v1;intensity=zscore(p99.5,p0.5);spacing=native;size=native;pad=0 | 0 <= low < high",
        "v1;intensity=minmax8-histeq;spacing=native;size=native;pad=0 | minmax8-histeq(slice)",
        "v1;intensity=none;spacing=1.25;size=native;pad=0 | key 'spacing': expected native or DX",
        "v1;intensity=none;spacing=1e0x1;size=native;pad=0 | key 'spacing': expected a plain",
        "v1;intensity=none;spacing=0x1;size=native;pad=0 | key 'spacing': expected positive",
        "v1;intensity=none;spacing=native;size=div0-pad;pad=0 | key 'size': expected a positive",
        "v1;intensity=none;spacing=native;size=div16;pad=0 | key 'size': expected native, divN-pad",
        "v1;intensity=none;spacing=native;size=fixed256;pad=0 | key 'size'",
        "v1;intensity=none;spacing=native;size=native;pad=NaN | key 'pad': expected a plain",
        "v1;intensity=none;spacing=native;size=native;pad=+1 | key 'pad'",
        "v1; intensity=none;spacing=native;size=native;pad=0 | unknown key ' intensity'"
      })
  void rejectsMalformedSpecsNamingTheProblem(String text, String expectedMessagePart) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PreprocessingSpec.parse(text));
    assertTrue(
        e.getMessage().contains(expectedMessagePart.strip()),
        "message '" + e.getMessage() + "' should contain '" + expectedMessagePart + "'");
  }

  @Test
  void rejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> PreprocessingSpec.parse(null));
  }
}
