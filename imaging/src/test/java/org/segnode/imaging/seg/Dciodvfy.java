package org.segnode.imaging.seg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dicom3tools' dciodvfy (Debian package dicom3tools) on a file and returns its report. */
public final class Dciodvfy {
  private Dciodvfy() {}

  /** The lines dciodvfy wrote; it exits 0 when none of them starts with "Error". */
  public static List<String> report(Path file) throws IOException, InterruptedException {
    Path log = Files.createTempFile("dciodvfy", ".txt");
    try {
      Process p =
          new ProcessBuilder("dciodvfy", file.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("dciodvfy did not finish within 60 s on " + file);
      }
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new IOException("dciodvfy expected on the PATH (apt-get install dicom3tools)", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Fails with dciodvfy's error lines unless it found none. */
  public static void assertNoErrors(Path file) throws IOException, InterruptedException {
    List<String> report = report(file);
    List<String> errors = report.stream().filter(l -> l.startsWith("Error")).toList();
    assertTrue(
        report.contains("Segmentation"), "dciodvfy should name the Segmentation IOD: " + report);
    assertTrue(errors.isEmpty(), "dciodvfy errors for " + file + ":\n" + String.join("\n", errors));
  }
}
