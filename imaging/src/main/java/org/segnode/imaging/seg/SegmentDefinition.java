package org.segnode.imaging.seg;

import java.util.Arrays;

/**
 * One segment of a Segmentation: its number (equal to the label value it is made from), label, what
 * it is (category and type codes) and the colour a viewer should show it in.
 */
public record SegmentDefinition(int number, String label, Code category, Code type, int[] rgb) {

  static final Code ANATOMICAL_STRUCTURE = Code.sct("123037004", "Anatomical Structure");
  static final Code TISSUE = Code.sct("85756007", "Tissue");

  public SegmentDefinition {
    if (number < 1 || number > 255) {
      throw new IllegalArgumentException("segment number expected in 1..255, found " + number);
    }
    rgb = rgb.clone();
  }

  /**
   * The segment for a label value in the CHAOS order the shared data uses: 1 liver, 2 right kidney,
   * 3 left kidney, 4 spleen; any other value becomes a generic "Tissue" segment, as 3D Slicer names
   * segments it has no terminology for.
   */
  public static SegmentDefinition forLabel(int label) {
    return switch (label) {
      case 1 -> organ(1, "Liver", Code.sct("10200004", "Liver"), 221, 130, 101);
      case 2 -> organ(2, "Right kidney", Code.sct("9846003", "Right kidney"), 185, 102, 83);
      case 3 -> organ(3, "Left kidney", Code.sct("18639004", "Left kidney"), 185, 102, 83);
      case 4 -> organ(4, "Spleen", Code.sct("78961009", "Spleen"), 157, 108, 162);
      default -> new SegmentDefinition(label, "Segment " + label, TISSUE, TISSUE, palette(label));
    };
  }

  private static SegmentDefinition organ(int n, String label, Code type, int r, int g, int b) {
    return new SegmentDefinition(n, label, ANATOMICAL_STRUCTURE, type, new int[] {r, g, b});
  }

  private static int[] palette(int label) {
    float hue = (label * 0.618034f) % 1f;
    int rgb = java.awt.Color.HSBtoRGB(hue, 0.6f, 0.9f);
    return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentDefinition s
        && number == s.number
        && label.equals(s.label)
        && category.equals(s.category)
        && type.equals(s.type)
        && Arrays.equals(rgb, s.rgb);
  }

  @Override
  public int hashCode() {
    return number * 31 + label.hashCode();
  }
}
