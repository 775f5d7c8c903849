package org.segnode.imaging.preprocess;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict reader and writer for SegNode's one-line option strings: a version tag followed by {@code
 * key=value} fields, all separated by {@code ;}, e.g. {@code v1;a=1;b=on}. They travel in ONNX
 * metadata, so a model and the node that runs it must agree on every field: unknown, repeated or
 * missing keys are errors, never ignored. Used by {@link PreprocessingSpec} and by the
 * post-processing options.
 */
public final class CompactSpec {
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
  private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,5}");

  private CompactSpec() {}

  /**
   * The value of each key in {@code text}, in the order written. Every key of {@code keys} must
   * appear exactly once and no other key may appear; leading and trailing white space is ignored.
   */
  public static Map<String, String> parse(String text, String version, List<String> keys) {
    if (text == null) {
      throw new IllegalArgumentException("expected '" + version + ";key=value;...', found null");
    }
    String[] fields = text.strip().split(";", -1);
    if (!fields[0].equals(version)) {
      throw new IllegalArgumentException(
          "expected version '"
              + version
              + "' as first field, found '"
              + fields[0]
              + "' in '"
              + text
              + "'");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int n = 1; n < fields.length; n++) {
      int eq = fields[n].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "expected 'key=value', found '" + fields[n] + "' in '" + text + "'");
      }
      String key = fields[n].substring(0, eq);
      if (!keys.contains(key)) {
        throw new IllegalArgumentException(
            "unknown key '" + key + "' (expected one of " + keys + ") in '" + text + "'");
      }
      if (values.put(key, fields[n].substring(eq + 1)) != null) {
        throw new IllegalArgumentException("key '" + key + "' given twice in '" + text + "'");
      }
    }
    for (String key : keys) {
      if (!values.containsKey(key)) {
        throw new IllegalArgumentException(
            "missing key '" + key + "' (expected all of " + keys + ") in '" + text + "'");
      }
    }
    return values;
  }

  /** {@code version;key=value;...} in the map's iteration order. */
  public static String format(String version, Map<String, String> values) {
    StringBuilder sb = new StringBuilder(version);
    values.forEach((key, value) -> sb.append(';').append(key).append('=').append(value));
    return sb.toString();
  }

  /**
   * A plain decimal ({@code 0}, {@code -1.5}, {@code 99.5}; no exponent, no NaN) for {@code key}.
   */
  public static double parseDecimal(String key, String value) {
    if (value == null || !DECIMAL.matcher(value).matches()) {
      throw invalid(key, "a plain decimal number such as 0, 1.25 or -1", value);
    }
    return Double.parseDouble(value);
  }

  /** A positive integer of at most six digits for {@code key}. */
  public static int parseCount(String key, String value) {
    if (value == null || !COUNT.matcher(value).matches()) {
      throw invalid(key, "a positive integer such as 16", value);
    }
    return Integer.parseInt(value);
  }

  /**
   * The shortest plain decimal that parses back to exactly {@code v}: {@code 0}, {@code 1.25},
   * {@code 100}. Negative zero is written as {@code 0}.
   */
  public static String formatDecimal(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("expected a finite number, found " + v);
    }
    return v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** The error for a malformed value: names the key, the expected form and what was found. */
  public static IllegalArgumentException invalid(String key, String expected, String found) {
    return new IllegalArgumentException(
        "key '" + key + "': expected " + expected + ", found '" + found + "'");
  }
}
