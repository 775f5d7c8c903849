package org.segnode.trainer.cli;

import java.nio.file.Path;

/**
 * The shared data folder: SEGNODE_DATA, else the system property segnode.data, else ../shared/data.
 */
final class DataRoot {
  private DataRoot() {}

  static Path defaultRoot() {
    String env = System.getenv("SEGNODE_DATA");
    String prop = System.getProperty("segnode.data");
    return Path.of(env != null ? env : prop != null ? prop : "../shared/data");
  }
}
