package org.segnode.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One rule of {@code conf/routing.properties}: which series it takes, the model that segments them
 * and the destinations their SEG goes to.
 *
 * @param name the rule's name, as listed in {@code rules}
 * @param matches per DICOM keyword, a pattern the attribute's whole value must match
 * @param orientation the slice plane required ({@link Orientation#ANY}: none)
 * @param modelPath the ONNX model, absolute
 * @param destinations names of destinations from {@code destinations.properties}, in order
 */
public record RoutingRule(
    String name,
    Map<String, Pattern> matches,
    Orientation orientation,
    Path modelPath,
    List<String> destinations) {
  /**
   * Keywords a rule may match on: series-level attributes that describe the acquisition and never
   * identify a patient, so skip reasons and logs may show their values.
   */
  public static final Set<String> MATCHABLE =
      Set.of(
          "Modality",
          "SOPClassUID",
          "SeriesDescription",
          "ProtocolName",
          "BodyPartExamined",
          "ImageType",
          "Manufacturer",
          "ManufacturerModelName",
          "SequenceName",
          "ScanningSequence",
          "MRAcquisitionType");

  public RoutingRule {
    matches = Map.copyOf(matches);
    destinations = List.copyOf(destinations);
  }

  /** The rule as one line for the start-up log. */
  public String describe() {
    return name
        + ": match "
        + new TreeMap<>(matches)
        + ", orientation "
        + orientation.key()
        + ", model "
        + modelPath
        + ", destinations "
        + destinations;
  }
}
