package org.segnode.node.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * One properties file read for validation: typed getters record a problem (with the file's label
 * and the key) instead of throwing, so the loader can report every problem at once.
 */
final class Settings {
  private final String label;
  private final Properties props;
  private final List<String> errors;
  private final Set<String> used = new HashSet<>();

  private Settings(String label, Properties props, List<String> errors) {
    this.label = label;
    this.props = props;
    this.errors = errors;
  }

  /** Reads {@code file}; a missing file is an error when {@code required}, else empty. */
  static Settings read(Path file, String label, boolean required, List<String> errors) {
    Properties props = new Properties();
    if (!Files.isRegularFile(file)) {
      if (required) {
        errors.add(label + ": expected a readable file, found none at " + file);
      }
      return new Settings(label, props, errors);
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      errors.add(label + ": cannot read: " + e.getMessage());
    }
    return new Settings(label, props, errors);
  }

  /** Settings from {@code props} held in memory (built-in defaults standing in for a file). */
  static Settings of(String label, Properties props, List<String> errors) {
    return new Settings(label, props, errors);
  }

  String label() {
    return label;
  }

  Set<String> keys() {
    return new TreeSet<>(props.stringPropertyNames());
  }

  void error(String key, String expected, String found) {
    errors.add(label + ": key '" + key + "': expected " + expected + ", found " + found);
  }

  String string(String key, String fallback) {
    used.add(key);
    String value = props.getProperty(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  int integer(String key, int fallback, int min, int max) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the range, like an out-of-range number
    }
    error(key, min + ".." + max, "'" + value + "'");
    return fallback;
  }

  double decimal(String key, double fallback, double min, double max) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the range, like an out-of-range number
    }
    error(key, "a number in " + min + ".." + max, "'" + value + "'");
    return fallback;
  }

  boolean bool(String key, boolean fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    error(key, "true or false", "'" + value + "'");
    return fallback;
  }

  /** Keys nobody asked for are reported: a misspelt key would otherwise silently do nothing. */
  void rejectUnknownKeys() {
    for (String key : keys()) {
      if (!used.contains(key)) {
        errors.add(label + ": key '" + key + "': expected a known key, found an unknown one");
      }
    }
  }
}
