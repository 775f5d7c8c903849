package org.segnode.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs one command in-process with a test folder's conf/, ae-config/ and state/. */
record Cli(int exit, String out, String err) {
  static Cli run(Object command, Path dir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(folders(dir)));
    all.addAll(List.of(args));
    return new Cli(line.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  static String[] folders(Path dir) {
    return new String[] {
      "--conf=" + dir.resolve("conf"),
      "--ae-config=" + dir.resolve("ae-config"),
      "--state=" + dir.resolve("state")
    };
  }

  /** A node configuration with one destination {@code pacs} at {@code port} on loopback. */
  static void writeConfig(Path dir, int port) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(dir.resolve("conf/segnode.properties"), "");
    Files.writeString(dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "STORESCU=127.0.0.1\n");
    Files.writeString(
        dir.resolve("ae-config/destinations.properties"),
        "destination.pacs.ae=DEST\ndestination.pacs.host=127.0.0.1\ndestination.pacs.port="
            + port
            + "\n");
  }
}
