package org.segnode.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a dataset file: one case per line, tab-separated {@code id image labels split}, with {@code
 * #} comments. Relative paths are resolved against a data root (by default the shared data folder),
 * so the same file works on every machine. Example:
 *
 * <pre>
 * # id  image                            labels                           split
 * 2     chaos-t2spir/2/image_2.nii.gz    chaos-t2spir/2/label_2.nii.gz    train
 * 3     chaos-t2spir/3/image_3.nii.gz    chaos-t2spir/3/label_3.nii.gz    validation
 * </pre>
 */
public final class DatasetFile {
  private DatasetFile() {}

  public static List<CaseSpec> read(Path file, Path dataRoot) throws IOException {
    List<CaseSpec> cases = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<String> lines = Files.readAllLines(file);
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      CaseSpec spec = parse(line, dataRoot, file + ":" + (n + 1));
      if (!ids.add(spec.id())) {
        throw new IOException(file + ":" + (n + 1) + ": case id '" + spec.id() + "' repeated");
      }
      cases.add(spec);
    }
    if (cases.isEmpty()) {
      throw new IOException(file + ": expected at least one case, found none");
    }
    return cases;
  }

  private static CaseSpec parse(String line, Path root, String where) throws IOException {
    String[] f = line.split("\\s+");
    if (f.length != 4) {
      throw new IOException(
          where + ": expected 4 fields (id image labels split), found " + f.length);
    }
    CaseSpec.Split split;
    try {
      split = CaseSpec.Split.valueOf(f[3].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          where + ": expected split train, validation or test, found '" + f[3] + "'");
    }
    return new CaseSpec(f[0], root.resolve(f[1]), root.resolve(f[2]), split);
  }
}
