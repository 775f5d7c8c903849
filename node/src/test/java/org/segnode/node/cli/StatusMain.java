package org.segnode.node.cli;

import picocli.CommandLine;

/** {@code segnode status} as its own process, for the cross-process test. */
public final class StatusMain {
  private StatusMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new StatusCommand()).execute(args));
  }
}
