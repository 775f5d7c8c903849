package org.segnode.imaging.seg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens a SEG the way the OHIF viewer does, by running {@code tools/ohif-seg-check/check-seg.mjs}
 * (Node, {@code @cornerstonejs/adapters}) and parsing its line format, so tests can compare the
 * voxels OHIF paints on each source image with the mask SegNode meant to write.
 *
 * <p>Needs {@code node} on the PATH and {@code npm ci} run once in {@code tools/ohif-seg-check}. A
 * missing tool fails the test instead of skipping it: a green run must mean OHIF was consulted.
 */
public final class OhifSegLoader {
  static final long TIMEOUT_SECONDS = 120;
  private static final String TOOL = "tools/ohif-seg-check";
  private static final String SCRIPT = "check-seg.mjs";

  private OhifSegLoader() {}

  /**
   * What OHIF made of a SEG: its segment list, and per source SOP Instance UID and segment number
   * the painted pixels (index row * columns + column). Images and segments without voxels are
   * absent. {@code warnings} holds what the adapter logged, such as frames it could not place.
   */
  public record Result(
      Map<Integer, String> segments,
      Map<String, Map<Integer, BitSet>> pixels,
      List<String> warnings,
      long totalVoxels) {

    /** Voxel count per source SOP Instance UID and segment number. */
    public Map<String, Map<Integer, Integer>> counts() {
      return OhifSegLoader.counts(pixels);
    }
  }

  /** Set bits per source SOP Instance UID and segment number of {@code pixels}. */
  static Map<String, Map<Integer, Integer>> counts(Map<String, Map<Integer, BitSet>> pixels) {
    Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
    pixels.forEach(
        (sop, bySegment) -> {
          Map<Integer, Integer> perSegment = new TreeMap<>();
          bySegment.forEach((segment, bits) -> perSegment.put(segment, bits.cardinality()));
          counts.put(sop, perSegment);
        });
    return counts;
  }

  /** Loads {@code seg} against the source images in {@code sources} (files or directories). */
  public static Result load(Path seg, Path... sources) {
    Path tool = toolDirectory();
    List<String> command = new ArrayList<>(List.of("node", SCRIPT, absolute(seg)));
    for (Path source : sources) {
      command.add(absolute(source));
    }
    return parse(run(tool, command));
  }

  /** Finds the tool from the module directory (Maven's working directory) or the repo root. */
  static Path toolDirectory() {
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate : List.of(cwd.resolve("..").resolve(TOOL), cwd.resolve(TOOL))) {
      if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
        requireInstalled(candidate.normalize());
        return candidate.normalize();
      }
    }
    throw new AssertionError(
        "OHIF SEG check expected at ../" + TOOL + "/" + SCRIPT + " from " + cwd + ", not found");
  }

  private static void requireInstalled(Path tool) {
    if (!Files.isDirectory(tool.resolve("node_modules/@cornerstonejs/adapters"))) {
      throw new AssertionError(
          "expected node_modules/@cornerstonejs/adapters in "
              + tool
              + ", not found: run npm ci in "
              + TOOL);
    }
  }

  private static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  /** Runs the script with its output in temporary files, so no pipe can fill up and block it. */
  private static List<String> run(Path tool, List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("ohif-seg-check", ".out");
      err = Files.createTempFile("ohif-seg-check", ".err");
      int exit = waitFor(start(tool, command, out, err), command);
      if (exit != 0) {
        throw new AssertionError(
            "OHIF SEG check exited with " + exit + " (expected 0): " + tail(err) + "\n" + command);
      }
      return Files.readAllLines(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("OHIF SEG check could not run: " + e.getMessage(), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static Process start(Path tool, List<String> command, Path out, Path err) {
    try {
      return new ProcessBuilder(command)
          .directory(tool.toFile())
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
    } catch (IOException e) {
      throw new AssertionError(
          "expected node (v20 or later) on the PATH to run " + TOOL + ", could not start it", e);
    }
  }

  private static int waitFor(Process process, List<String> command) {
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "OHIF SEG check gave no result within " + TIMEOUT_SECONDS + " s: " + command);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the OHIF SEG check", e);
    }
  }

  private static String tail(Path err) throws IOException {
    String text = Files.readString(err, StandardCharsets.UTF_8).strip();
    return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // a leftover temporary file is harmless; the test result matters more
      }
    }
  }

  /** Parses the script's output (format documented at the top of check-seg.mjs). */
  static Result parse(List<String> lines) {
    Map<Integer, String> segments = new LinkedHashMap<>();
    Map<String, Map<Integer, BitSet>> pixels = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    Long done = null;
    for (String line : lines) {
      if (done != null) {
        throw new AssertionError("expected nothing after the done line, found: " + line);
      }
      String[] fields = line.split(" ", 3);
      switch (fields[0]) {
        case "segment" ->
            segments.put(integer(fields, 1, line), fields.length > 2 ? fields[2] : "");
        case "voxels" -> parseVoxels(line, pixels);
        case "warning" -> warnings.add(fields.length > 1 ? line.substring(8) : "");
        case "done" -> done = (long) integer(fields, 1, line);
        default -> throw new AssertionError("expected segment/voxels/warning/done, found: " + line);
      }
    }
    return finish(segments, pixels, warnings, done);
  }

  private static void parseVoxels(String line, Map<String, Map<Integer, BitSet>> pixels) {
    String[] fields = line.split(" ");
    if (fields.length < 4) {
      throw new AssertionError(
          "expected voxels <uid> <segment> <start>:<length>..., found: " + line);
    }
    BitSet bits = new BitSet();
    for (int i = 3; i < fields.length; i++) {
      String[] run = fields[i].split(":");
      if (run.length != 2) {
        throw new AssertionError("expected <start>:<length>, found '" + fields[i] + "' in " + line);
      }
      int start = Integer.parseInt(run[0]);
      bits.set(start, start + Integer.parseInt(run[1]));
    }
    Map<Integer, BitSet> bySegment = pixels.computeIfAbsent(fields[1], k -> new TreeMap<>());
    if (bySegment.put(integer(fields, 2, line), bits) != null) {
      throw new AssertionError(
          "expected one voxels line per image and segment, found another: " + line);
    }
  }

  private static int integer(String[] fields, int index, String line) {
    try {
      return Integer.parseInt(fields[index]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new AssertionError("expected an integer as field " + (index + 1) + " of: " + line, e);
    }
  }

  /** The done line carries the script's own total; a mismatch means lost or misread lines. */
  private static Result finish(
      Map<Integer, String> segments,
      Map<String, Map<Integer, BitSet>> pixels,
      List<String> warnings,
      Long done) {
    if (done == null) {
      throw new AssertionError("expected a final 'done <count>' line, output ended without one");
    }
    long parsed =
        pixels.values().stream()
            .flatMap(m -> m.values().stream())
            .mapToLong(BitSet::cardinality)
            .sum();
    if (parsed != done) {
      throw new AssertionError(
          "done line says " + done + " voxels, the voxels lines hold " + parsed);
    }
    return new Result(
        Collections.unmodifiableMap(segments),
        Collections.unmodifiableMap(pixels),
        List.copyOf(warnings),
        done);
  }
}
