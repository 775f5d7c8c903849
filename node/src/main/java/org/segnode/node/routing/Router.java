package org.segnode.node.routing;

import com.pixelmed.dicom.DicomException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.segnode.node.config.Orientation;
import org.segnode.node.config.RoutingRule;

/**
 * Picks the first {@link RoutingRule} a series matches, from the header of one of its instances. A
 * rule matches when every pattern matches its attribute's whole value (an absent attribute is the
 * empty string) and the slice plane is the one required.
 */
public final class Router {
  private final List<RoutingRule> rules;

  public Router(List<RoutingRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Routes by the header of {@code instance}, read without its pixel data. */
  public Route route(Path instance) throws IOException, DicomException {
    return route(SeriesHeader.read(instance));
  }

  public Route route(SeriesHeader header) {
    for (RoutingRule rule : rules) {
      if (matches(rule, header)) {
        return Route.to(rule);
      }
    }
    return Route.skip("no rule matched: " + describe(header));
  }

  static boolean matches(RoutingRule rule, SeriesHeader header) {
    for (Map.Entry<String, Pattern> match : rule.matches().entrySet()) {
      if (!match.getValue().matcher(header.value(match.getKey())).matches()) {
        return false;
      }
    }
    return rule.orientation() == Orientation.ANY || rule.orientation() == header.orientation();
  }

  /**
   * The values the rules look at, e.g. {@code Modality=CT orientation=axial}: enough to see why
   * nothing matched. Only {@link RoutingRule#MATCHABLE} attributes, none of which names a patient.
   */
  private String describe(SeriesHeader header) {
    Set<String> keywords = new LinkedHashSet<>();
    boolean orientation = false;
    for (RoutingRule rule : rules) {
      keywords.addAll(new TreeSet<>(rule.matches().keySet()));
      orientation |= rule.orientation() != Orientation.ANY;
    }
    StringBuilder text = new StringBuilder();
    for (String keyword : keywords) {
      text.append(keyword).append("='").append(header.value(keyword)).append("' ");
    }
    if (orientation) {
      text.append("orientation=")
          .append(header.orientation() == Orientation.ANY ? "unknown" : header.orientation().key());
    }
    return text.toString().trim();
  }
}
