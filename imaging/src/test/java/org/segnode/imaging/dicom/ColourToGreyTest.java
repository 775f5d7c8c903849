package org.segnode.imaging.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.segnode.imaging.dicom.PixelModule.Colour;

/** Sample layouts of two 1 x 2 frames (PS3.3 C.7.6.3.1.3 planar configuration, C.7.6.3.1.2). */
class ColourToGreyTest {
  @Test
  void rgbByPixelAndByPlaneGiveRec601Luma() {
    // Frame 1: pure red, pure white; frame 2: pure green, pure blue.
    int[] byPixel = {255, 0, 0, 255, 255, 255, 0, 255, 0, 0, 0, 255};
    int[] byPlane = {255, 255, 0, 255, 0, 255, 0, 0, 255, 0, 0, 255};
    int[] expected = {76, 255, 150, 29};
    assertArrayEquals(expected, ColourToGrey.luminance(byPixel, module(Colour.RGB, false)));
    assertArrayEquals(
        expected, ColourToGrey.luminance(byPlane, module(Colour.RGB, true)), "by plane");
  }

  @Test
  void ybrFullKeepsY() {
    int[] byPixel = {10, 128, 128, 20, 0, 255, 30, 1, 2, 40, 3, 4};
    int[] byPlane = {10, 20, 128, 0, 128, 255, 30, 40, 1, 3, 2, 4};
    int[] expected = {10, 20, 30, 40};
    assertArrayEquals(expected, ColourToGrey.luminance(byPixel, module(Colour.YBR_FULL, false)));
    assertArrayEquals(expected, ColourToGrey.luminance(byPlane, module(Colour.YBR_FULL, true)));
  }

  @Test
  void ybrFull422KeepsBothLumaSamplesOfEachPair() {
    int[] samples = {10, 20, 128, 128, 30, 40, 0, 255};
    assertArrayEquals(
        new int[] {10, 20, 30, 40},
        ColourToGrey.luminance(samples, module(Colour.YBR_FULL_422, false)));
  }

  private static PixelModule module(Colour colour, boolean planar) {
    return new PixelModule(1, 2, 2, 8, 8, false, false, colour, planar);
  }
}
