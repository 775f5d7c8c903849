package org.segnode.inference;

import java.nio.file.Path;

/** {@link SharedData} for tests in other packages. */
public final class SharedDataAccess {
  private SharedDataAccess() {}

  public static Path chaos() {
    return SharedData.path("chaos-t2spir");
  }
}
