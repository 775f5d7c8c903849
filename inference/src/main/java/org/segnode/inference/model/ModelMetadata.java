package org.segnode.inference.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;

/**
 * What a SegNode model says about itself, carried as string pairs in the ONNX model's {@code
 * metadata_props}. Every key below is required; other keys are ignored. A missing or malformed key
 * is rejected by {@link #parse} with an {@link IllegalArgumentException} naming the key, the
 * expected form and what was found.
 *
 * <p>The model maps {@code N x (1 + 2*context) x H x W} float input to {@code N x classes x H x W}
 * softmax probabilities, {@code classes = 1 + max label}; channel c is label c, channel 0 the
 * background. H and W are multiples of the divisor. Input channel c of slice k holds the
 * preprocessed slice at offset {@code c - context} from k along the in-plane normal {@code rowDir x
 * colDir} (so the order does not depend on how a file stored its slices; see the architecture
 * notes), repeating the first or last slice beyond the volume.
 *
 * @param name model name, the SEG algorithm name
 * @param version model version, the SEG algorithm version
 * @param labels the labels predicted, ascending by value
 * @param context neighbouring slices on each side fed as extra channels (0 for a 2D model)
 * @param divisor height and width fed to the model must be multiples of it
 * @param training one-line summary of the training data and split
 * @param validation validation figures, free-form key to value, in the order written
 */
public record ModelMetadata(
    String name,
    String version,
    List<ModelLabel> labels,
    PreprocessingSpec preprocessing,
    Postprocessing postprocessing,
    int context,
    int divisor,
    String training,
    Map<String, String> validation) {

  /** Version of this contract; example and only accepted value: {@code 1}. */
  public static final String FORMAT = "segnode.format";

  /** Model name, letters, digits, '.', '_', '-'; example: {@code liver-mr-t2}. */
  public static final String NAME = "segnode.model.name";

  /** Model version, same characters as the name plus '+'; example: {@code 1.0.0}. */
  public static final String VERSION = "segnode.model.version";

  /**
   * Labels with their SNOMED CT concepts, {@code VALUE=CODE^SCHEME^MEANING} separated by {@code ;};
   * example: {@code 1=10200004^SCT^Liver} or {@code 1=10200004^SCT^Liver;4=78961009^SCT^Spleen}
   * (the output then has 5 channels; channels without a label are never reported).
   */
  public static final String LABELS = "segnode.labels";

  /**
   * A {@link PreprocessingSpec} string; example: {@code
   * v1;intensity=zscore(p0.5,p99.5);spacing=1.25x1.25;size=div16-pad;pad=0}.
   */
  public static final String PREPROCESSING = "segnode.preprocessing";

  /** A {@link Postprocessing} string; example: {@code v1;largest=on;min-island-ml=1.5;holes=2d}. */
  public static final String POSTPROCESSING = "segnode.postprocessing";

  /** Input layout and 2.5D context (slices on each side); example: {@code NCHW;context=0}. */
  public static final String INPUT = "segnode.input";

  /** Height and width fed to the model must be multiples of it; example: {@code 16}. */
  public static final String DIVISOR = "segnode.divisor";

  /**
   * One-line summary of training data and split; example: {@code CHAOS MR T2-SPIR, train
   * 2,3,8,15,19,20,21,22,31,32 val 33,34 test 36,38, 120 epochs}.
   */
  public static final String TRAINING = "segnode.training";

  /**
   * Validation figures, {@code key=value} separated by {@code ;}; example: {@code
   * dice.liver=0.912;hd95.liver=9.8}.
   */
  public static final String VALIDATION = "segnode.validation";

  /** The only {@link #FORMAT} value this code reads. */
  public static final String FORMAT_VERSION = "1";

  private static final int MAX_CONTEXT = 15;
  private static final int MAX_DIVISOR = 1024;
  private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern VERSION_PATTERN =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,31}");
  private static final Pattern INPUT_PATTERN = Pattern.compile("NCHW;context=([0-9]{1,2})");
  private static final Pattern ENTRY_PATTERN = Pattern.compile("([^;=\\r\\n]+)=([^;=\\r\\n]+)");

  private static final String EXPECT_FORMAT = "the value " + FORMAT_VERSION;
  private static final String EXPECT_NAME = "a name of letters, digits, . _ - such as liver-mr-t2";
  private static final String EXPECT_VERSION = "a version such as 1.0.0";
  private static final String EXPECT_LABELS = "labels such as " + ModelLabel.EXPECTED;
  private static final String EXPECT_PRE =
      "a preprocessing spec such as"
          + " v1;intensity=zscore(p0.5,p99.5);spacing=1.25x1.25;size=div16-pad;pad=0";
  private static final String EXPECT_POST =
      "a postprocessing spec such as v1;largest=on;min-island-ml=1.5;holes=2d";
  private static final String EXPECT_INPUT =
      "an input layout such as NCHW;context=0 (context 0..15)";
  private static final String EXPECT_DIVISOR = "a positive integer such as 16 (at most 1024)";
  private static final String EXPECT_TRAINING = "a one-line summary of training data and split";
  private static final String EXPECT_VALIDATION =
      "key=value figures separated by ; such as dice.liver=0.912;hd95.liver=9.8";

  public ModelMetadata {
    require(NAME, name != null && NAME_PATTERN.matcher(name).matches(), EXPECT_NAME, name);
    require(
        VERSION,
        version != null && VERSION_PATTERN.matcher(version).matches(),
        EXPECT_VERSION,
        version);
    labels = sortedUnique(labels);
    require(PREPROCESSING, preprocessing != null, EXPECT_PRE, null);
    require(POSTPROCESSING, postprocessing != null, EXPECT_POST, null);
    require(INPUT, context >= 0 && context <= MAX_CONTEXT, EXPECT_INPUT, "NCHW;context=" + context);
    require(DIVISOR, divisor >= 1 && divisor <= MAX_DIVISOR, EXPECT_DIVISOR, "" + divisor);
    require(TRAINING, isOneLine(training), EXPECT_TRAINING, training);
    validation = checkedValidation(validation);
  }

  /** Reads the metadata from {@code props}, the model's {@code metadata_props}. */
  public static ModelMetadata parse(Map<String, String> props) {
    field(props, FORMAT, EXPECT_FORMAT, ModelMetadata::parseFormat);
    return new ModelMetadata(
        field(props, NAME, EXPECT_NAME, Function.identity()),
        field(props, VERSION, EXPECT_VERSION, Function.identity()),
        field(props, LABELS, EXPECT_LABELS, ModelMetadata::parseLabels),
        field(props, PREPROCESSING, EXPECT_PRE, PreprocessingSpec::parse),
        field(props, POSTPROCESSING, EXPECT_POST, Postprocessing::parse),
        field(props, INPUT, EXPECT_INPUT, ModelMetadata::parseContext),
        field(props, DIVISOR, EXPECT_DIVISOR, ModelMetadata::parseDivisor),
        field(props, TRAINING, EXPECT_TRAINING, Function.identity()),
        field(props, VALIDATION, EXPECT_VALIDATION, ModelMetadata::parseEntries));
  }

  /** The metadata as written into a model, every key, in the order of the constants above. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(FORMAT, FORMAT_VERSION);
    m.put(NAME, name);
    m.put(VERSION, version);
    m.put(LABELS, String.join(";", labels.stream().map(ModelLabel::token).toList()));
    m.put(PREPROCESSING, preprocessing.toString());
    m.put(POSTPROCESSING, postprocessing.toString());
    m.put(INPUT, "NCHW;context=" + context);
    m.put(DIVISOR, Integer.toString(divisor));
    m.put(TRAINING, training);
    List<String> entries = new ArrayList<>();
    validation.forEach((k, v) -> entries.add(k + "=" + v));
    m.put(VALIDATION, String.join(";", entries));
    return m;
  }

  /** Output channels: 1 + the highest label value. */
  public int classes() {
    return 1 + labels.get(labels.size() - 1).value();
  }

  /** Input channels: the slice itself and {@code context} neighbours on each side. */
  public int inputChannels() {
    return 1 + 2 * context;
  }

  /** The label values, ascending. */
  public int[] labelValues() {
    return labels.stream().mapToInt(ModelLabel::value).toArray();
  }

  private static <T> T field(
      Map<String, String> props, String key, String expected, Function<String, T> parser) {
    String value = props.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "metadata key '" + key + "' missing (expected " + expected + ")");
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw malformed(key, expected, value, e.getMessage());
    }
  }

  private static IllegalArgumentException malformed(
      String key, String expected, String found, String detail) {
    return new IllegalArgumentException(
        "metadata key '"
            + key
            + "' malformed: expected "
            + expected
            + ", found '"
            + found
            + "'"
            + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
  }

  private static void require(String key, boolean ok, String expected, String found) {
    if (!ok) {
      throw malformed(key, expected, found, "");
    }
  }

  private static String parseFormat(String value) {
    if (!FORMAT_VERSION.equals(value)) {
      throw new IllegalArgumentException("");
    }
    return value;
  }

  private static List<ModelLabel> parseLabels(String value) {
    return value.isEmpty()
        ? List.of()
        : Arrays.stream(value.split(";", -1)).map(ModelLabel::parse).toList();
  }

  private static int parseContext(String value) {
    Matcher m = INPUT_PATTERN.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("");
    }
    return Integer.parseInt(m.group(1));
  }

  private static int parseDivisor(String value) {
    if (!value.matches("[1-9][0-9]{0,3}")) {
      throw new IllegalArgumentException("");
    }
    return Integer.parseInt(value);
  }

  private static Map<String, String> parseEntries(String value) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String entry : value.split(";", -1)) {
      Matcher m = ENTRY_PATTERN.matcher(entry);
      if (!m.matches() || entries.put(m.group(1), m.group(2)) != null) {
        throw new IllegalArgumentException("entry '" + entry + "' is not a new key=value");
      }
    }
    return entries;
  }

  private static List<ModelLabel> sortedUnique(List<ModelLabel> labels) {
    require(LABELS, labels != null && !labels.isEmpty(), EXPECT_LABELS, "no label");
    List<ModelLabel> sorted =
        labels.stream().sorted(Comparator.comparingInt(ModelLabel::value)).toList();
    boolean unique =
        new HashSet<>(sorted.stream().map(ModelLabel::value).toList()).size() == sorted.size();
    require(LABELS, unique, "each label value once", String.valueOf(labels));
    return sorted;
  }

  private static Map<String, String> checkedValidation(Map<String, String> validation) {
    require(VALIDATION, validation != null && !validation.isEmpty(), EXPECT_VALIDATION, "none");
    validation.forEach(
        (k, v) ->
            require(
                VALIDATION,
                ENTRY_PATTERN.matcher(k + "=" + v).matches(),
                EXPECT_VALIDATION,
                k + "=" + v));
    return Collections.unmodifiableMap(new LinkedHashMap<>(validation));
  }

  private static boolean isOneLine(String text) {
    return text != null && !text.isBlank() && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
  }
}
