package org.segnode.imaging.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

class PostprocessingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1;largest=on;min-island-ml=1.5;holes=2d",
        "v1;largest=off;min-island-ml=0;holes=off",
        "v1;largest=on;min-island-ml=0.001;holes=3d"
      })
  void writesBackExactlyTheStringItParsed(String text) {
    Postprocessing options = Postprocessing.parse(text);
    assertEquals(text, options.toString());
    assertEquals(options, Postprocessing.parse(options.toString()));
  }

  @Test
  void parsesTheFieldsIntoOptions() {
    assertEquals(
        new Postprocessing(true, 2.5, Postprocessing.Holes.VOLUME_3D),
        Postprocessing.parse("v1;holes=3d;min-island-ml=2.5;largest=on"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v1;largest=yes;min-island-ml=0;holes=off | key 'largest': expected on or off",
        "v1;largest=on;min-island-ml=-1;holes=off | key 'min-island-ml': expected a volume >= 0",
        "v1;largest=on;min-island-ml=1e3;holes=off | key 'min-island-ml': expected a plain",
        "v1;largest=on;min-island-ml=0;holes=2D | key 'holes': expected off, 2d or 3d",
        "v1;largest=on;min-island-ml=0 | missing key 'holes'",
        "v1;largest=on;min-island-ml=0;holes=off;fill=1 | unknown key 'fill'",
        "largest=on;min-island-ml=0;holes=off | expected version 'v1'"
      })
  void rejectsMalformedOptionsNamingTheProblem(String text, String expectedMessagePart) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Postprocessing.parse(text));
    assertTrue(
        e.getMessage().contains(expectedMessagePart.strip()),
        "message '" + e.getMessage() + "' should contain '" + expectedMessagePart + "'");
  }

  @Test
  void appliesIslandRemovalLargestComponentAndHoleFilling() {
    LabelVolume v = LabelVolume.empty(Grid.axial(20, 20, 5, 1, 1, 1));
    Shapes.box(v, 1, 2, 2, 1, 9, 9, 4); // 7 x 7 x 3 = 147 voxels
    Shapes.box(v, 0, 4, 4, 2, 6, 6, 3); // a 2 x 2 hole in the middle slice: 143 voxels left
    Shapes.box(v, 1, 12, 12, 1, 17, 17, 2); // 25 voxels
    Shapes.box(v, 2, 12, 2, 0, 13, 3, 1); // 1 voxel of label 2, 0.001 mL
    LabelVolume out = Postprocessing.parse("v1;largest=on;min-island-ml=0.002;holes=2d").apply(v);
    assertEquals(147, out.count(1));
    assertEquals(0, out.count(2));
    assertEquals(168, v.count(1), "input modified");
  }

  @Test
  void doingNothingStillReturnsACopy() {
    LabelVolume v = LabelVolume.empty(Grid.axial(3, 3, 1, 1, 1, 1));
    LabelVolume out = Postprocessing.parse("v1;largest=off;min-island-ml=0;holes=off").apply(v);
    out.set(0, 0, 0, 1);
    assertEquals(0, v.get(0, 0, 0));
  }
}
