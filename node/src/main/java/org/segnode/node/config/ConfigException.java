package org.segnode.node.config;

import java.util.List;

/** Configuration that cannot be used; carries every problem found, each with its key path. */
public final class ConfigException extends Exception {
  private final List<String> errors;

  public ConfigException(List<String> errors) {
    super(errors.size() + " configuration error(s):\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  /** One line per problem, e.g. {@code ae-config/ae.properties: key 'ae.port': expected ...}. */
  public List<String> errors() {
    return errors;
  }
}
