package org.segnode.imaging.postprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segnode.imaging.preprocess.CompactSpec;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Post-processing options, written as one line for a model's metadata in the same style as {@code
 * PreprocessingSpec}.
 *
 * <p>Grammar (version {@code v1}; all keys required, each once, in any order):
 *
 * <pre>
 * v1;largest=on|off;min-island-ml=M;holes=off|2d|3d
 * </pre>
 *
 * where {@code M} is a plain non-negative decimal in mL ({@code 0} keeps every island). Example:
 * {@code v1;largest=on;min-island-ml=1.5;holes=2d}. {@link #apply} removes islands below {@code M}
 * first, then keeps the largest component of each label, then fills holes; see {@link
 * ConnectedComponents} and {@link HoleFilling}.
 */
public record Postprocessing(boolean keepLargest, double minIslandMl, Holes holes) {
  public static final String VERSION = "v1";
  private static final List<String> KEYS = List.of("largest", "min-island-ml", "holes");

  /** Which hole filling to apply. */
  public enum Holes {
    OFF("off"),
    SLICE_2D("2d"),
    VOLUME_3D("3d");

    private final String token;

    Holes(String token) {
      this.token = token;
    }

    public String token() {
      return token;
    }
  }

  public Postprocessing {
    if (!(minIslandMl >= 0 && Double.isFinite(minIslandMl)) || holes == null) {
      throw new IllegalArgumentException(
          "expected min-island-ml >= 0 and a hole mode, found " + minIslandMl + ", " + holes);
    }
    minIslandMl += 0.0; // -0.0 is written as 0, so it must compare equal after a round trip
  }

  /** Parses the one-line form described in the class comment. */
  public static Postprocessing parse(String text) {
    Map<String, String> v = CompactSpec.parse(text, VERSION, KEYS);
    String largest = v.get("largest");
    if (!largest.equals("on") && !largest.equals("off")) {
      throw CompactSpec.invalid("largest", "on or off", largest);
    }
    double minMl = CompactSpec.parseDecimal("min-island-ml", v.get("min-island-ml"));
    if (minMl < 0) {
      throw CompactSpec.invalid("min-island-ml", "a volume >= 0 in mL", v.get("min-island-ml"));
    }
    return new Postprocessing(largest.equals("on"), minMl, parseHoles(v.get("holes")));
  }

  private static Holes parseHoles(String token) {
    for (Holes h : Holes.values()) {
      if (h.token().equals(token)) {
        return h;
      }
    }
    throw CompactSpec.invalid("holes", "off, 2d or 3d", token);
  }

  /** The post-processed labels; {@code labels} is not modified. */
  public LabelVolume apply(LabelVolume labels) {
    LabelVolume out = labels;
    if (minIslandMl > 0) {
      out = ConnectedComponents.removeSmallerThan(out, minIslandMl);
    }
    if (keepLargest) {
      out = ConnectedComponents.keepLargest(out);
    }
    return switch (holes) {
      case OFF -> out == labels ? new LabelVolume(labels.grid(), labels.labels().clone()) : out;
      case SLICE_2D -> HoleFilling.fill2d(out);
      case VOLUME_3D -> HoleFilling.fill3d(out);
    };
  }

  /** The one-line form; {@code parse(toString())} equals these options. */
  @Override
  public String toString() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("largest", keepLargest ? "on" : "off");
    v.put("min-island-ml", CompactSpec.formatDecimal(minIslandMl));
    v.put("holes", holes.token());
    return CompactSpec.format(VERSION, v);
  }
}
