package org.segnode.inference.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.segnode.imaging.seg.Code;
import org.segnode.imaging.seg.SegmentDefinition;

/**
 * One label a model predicts: its value (the output channel, and the SEG segment number) and the
 * coded concept it stands for. Written in metadata as {@code VALUE=CODE^SCHEME^MEANING}, e.g.
 * {@code 1=10200004^SCT^Liver}.
 */
public record ModelLabel(int value, Code code) {
  private static final Pattern TOKEN = Pattern.compile("([0-9]{1,3})=([^^=;]+)\\^([^^=;]+)\\^(.+)");
  private static final Pattern PART = Pattern.compile("[^^=;\\r\\n]+");

  /** The form quoted in errors. */
  public static final String EXPECTED = "VALUE=CODE^SCHEME^MEANING such as 1=10200004^SCT^Liver";

  public ModelLabel {
    if (value < 1 || value > 255) {
      throw new IllegalArgumentException("label value expected in 1..255, found " + value);
    }
    if (code == null
        || !isPart(code.value())
        || !isPart(code.scheme())
        || !isPart(code.meaning())) {
      throw new IllegalArgumentException(
          "label code expected as three parts without ^ = ; or line breaks, found " + code);
    }
  }

  /**
   * The label of a CHAOS-order segment, e.g. {@code fromSegment(SegmentDefinition.forLabel(1))}.
   */
  public static ModelLabel fromSegment(SegmentDefinition segment) {
    return new ModelLabel(segment.number(), segment.type());
  }

  /** Parses {@code VALUE=CODE^SCHEME^MEANING}; throws with the expected form otherwise. */
  public static ModelLabel parse(String token) {
    Matcher m = TOKEN.matcher(token);
    if (!m.matches() || m.group(4).contains("^") || m.group(4).contains("=")) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", found '" + token + "'");
    }
    return new ModelLabel(
        Integer.parseInt(m.group(1)), new Code(m.group(2), m.group(3), m.group(4)));
  }

  /**
   * The SEG segment for this label: SegNode's CHAOS-order definition (colour, anatomical category)
   * when it names the same concept, otherwise an anatomical structure with this label's code.
   */
  public SegmentDefinition segment() {
    SegmentDefinition known = SegmentDefinition.forLabel(value);
    if (known.type().equals(code)) {
      return known;
    }
    Code anatomical = Code.sct("123037004", "Anatomical Structure");
    return new SegmentDefinition(value, code.meaning(), anatomical, code, known.rgb());
  }

  /** The metadata form, {@code VALUE=CODE^SCHEME^MEANING}. */
  public String token() {
    return value + "=" + code.value() + "^" + code.scheme() + "^" + code.meaning();
  }

  private static boolean isPart(String s) {
    return s != null && PART.matcher(s).matches();
  }
}
