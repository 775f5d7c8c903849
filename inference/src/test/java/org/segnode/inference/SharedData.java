package org.segnode.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project's shared real data (see ../shared/data/README.md): the system property {@code
 * segnode.data}, else the environment variable {@code SEGNODE_DATA}, else {@code ../shared/data}. A
 * missing folder fails the test: real-data tests never skip themselves green.
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String prop = System.getProperty("segnode.data");
    String env = System.getenv("SEGNODE_DATA");
    Path root = Path.of(prop != null ? prop : env != null ? env : "../shared/data");
    assertTrue(
        Files.isDirectory(root),
        "shared data folder expected at " + root.toAbsolutePath() + " (set SEGNODE_DATA)");
    return root.normalize();
  }

  public static Path path(String relative) {
    Path p = root().resolve(relative);
    assertTrue(Files.exists(p), "shared data file expected: " + p);
    return p;
  }
}
