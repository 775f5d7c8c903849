package org.segnode.node.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code conf/routing.properties} into ordered {@link RoutingRule}s, recording every problem
 * with its key. Without the file the node uses the shipped default: MR, axial, the node's model,
 * every destination.
 */
final class RoutingLoader {
  static final String FILE = "routing.properties";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern RULE_KEY = Pattern.compile("rule\\.([^.]+)\\..+");
  private static final String ORIENTATIONS = "axial, coronal, sagittal or any";

  private final Settings settings;
  private final Path home;
  private final Path defaultModel;
  private final Set<String> destinations;

  private RoutingLoader(Settings settings, Path home, Path defaultModel, Set<String> destinations) {
    this.settings = settings;
    this.home = home;
    this.defaultModel = defaultModel;
    this.destinations = destinations;
  }

  /**
   * The rules of {@code confDir}'s routing file, or the built-in default when there is none.
   *
   * @param home where relative model paths are taken from
   * @param defaultModel the node's {@code model.path}, for rules that name no model
   * @param destinations every configured destination name
   */
  static List<RoutingRule> load(
      Path confDir, Path home, Path defaultModel, Set<String> destinations, List<String> errors) {
    Path file = confDir.resolve(FILE);
    String label = "conf/" + FILE;
    Settings settings =
        Files.exists(file)
            ? Settings.read(file, label, false, errors)
            : Settings.of(label, defaults(), errors);
    return new RoutingLoader(settings, home, defaultModel, new TreeSet<>(destinations)).rules();
  }

  /** The same rule as the shipped file, for installations that have none. */
  static Properties defaults() {
    Properties p = new Properties();
    p.setProperty("rules", "liver-mr");
    p.setProperty("rule.liver-mr.match.Modality", "MR");
    p.setProperty("rule.liver-mr.orientation", "axial");
    return p;
  }

  private List<RoutingRule> rules() {
    List<String> names = names();
    List<RoutingRule> rules = new ArrayList<>();
    for (String name : names) {
      rules.add(rule(name));
    }
    rejectUnlistedRules(names);
    settings.rejectUnknownKeys();
    return List.copyOf(rules);
  }

  private List<String> names() {
    List<String> names =
        Arrays.stream(settings.string("rules", "").split(","))
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .toList();
    if (names.isEmpty()) {
      settings.error("rules", "one or more rule names, comma-separated", "none");
    }
    for (String name : new LinkedHashSet<>(names)) {
      if (!NAME.matcher(name).matches()) {
        settings.error("rules", "rule names of letters, digits, '-' and '_'", "'" + name + "'");
      } else if (names.indexOf(name) != names.lastIndexOf(name)) {
        settings.error("rules", "each rule named once", "'" + name + "' twice");
      }
    }
    return names.stream().distinct().filter(n -> NAME.matcher(n).matches()).toList();
  }

  private RoutingRule rule(String name) {
    String prefix = "rule." + name + ".";
    return new RoutingRule(
        name,
        matches(prefix),
        orientation(prefix + "orientation"),
        model(prefix + "model"),
        destinations(prefix + "destinations"));
  }

  private Map<String, Pattern> matches(String prefix) {
    Map<String, Pattern> matches = new LinkedHashMap<>();
    for (String key : settings.keys()) {
      if (!key.startsWith(prefix + "match.")) {
        continue;
      }
      String keyword = key.substring((prefix + "match.").length());
      String value = settings.string(key, "");
      if (!RoutingRule.MATCHABLE.contains(keyword)) {
        settings.error(key, "a keyword of " + new TreeSet<>(RoutingRule.MATCHABLE), keyword);
        continue;
      }
      try {
        matches.put(keyword, Pattern.compile(value, Pattern.CASE_INSENSITIVE));
      } catch (PatternSyntaxException e) {
        settings.error(key, "a regular expression", "'" + value + "' (" + e.getDescription() + ")");
      }
    }
    return matches;
  }

  private Orientation orientation(String key) {
    String value = settings.string(key, "any");
    try {
      return Orientation.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      settings.error(key, ORIENTATIONS, "'" + value + "'");
      return Orientation.ANY;
    }
  }

  /**
   * A model named by the rule must exist now; the node's own {@code model.path} is checked when the
   * node loads it, so that {@code check-config} works on a checkout without the model.
   */
  private Path model(String key) {
    String value = settings.string(key, null);
    if (value == null) {
      return defaultModel;
    }
    Path model = home.resolve(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(model)) {
      settings.error(key, "an existing model file", "none at " + model);
    }
    return model;
  }

  private List<String> destinations(String key) {
    String value = settings.string(key, null);
    if (value == null) {
      return List.copyOf(destinations);
    }
    List<String> names = new ArrayList<>();
    for (String name : value.split(",")) {
      String trimmed = name.trim();
      if (destinations.contains(trimmed)) {
        names.add(trimmed);
      } else {
        settings.error(
            key,
            "destination names from ae-config/destinations.properties " + destinations,
            "'" + trimmed + "'");
      }
    }
    return names;
  }

  /** Keys of a rule missing from {@code rules} would silently do nothing. */
  private void rejectUnlistedRules(List<String> names) {
    for (String key : settings.keys()) {
      Matcher m = RULE_KEY.matcher(key);
      if (m.matches() && !names.contains(m.group(1))) {
        settings.string(key, null);
        settings.error(key, "a rule listed in 'rules' " + names, "'" + m.group(1) + "'");
      }
    }
  }
}
