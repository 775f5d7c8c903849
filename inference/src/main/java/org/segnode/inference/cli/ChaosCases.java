package org.segnode.inference.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The patients of a folder in the chaos-t2spir layout: sub-folders {@code N} holding {@code
 * image_N.nii.gz} and {@code label_N.nii.gz}, in ascending numeric order.
 */
final class ChaosCases {
  private ChaosCases() {}

  /** One patient's image and reference labels. */
  record Case(String patient, Path image, Path labels) {}

  /** The patients in {@code dir}, or the listed ones, each of which must be there. */
  static List<Case> find(Path dir, List<String> patients) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("expected a data folder at " + dir + ", found none");
    }
    if (patients != null && !patients.isEmpty()) {
      List<Case> listed = new ArrayList<>();
      for (String p : patients) {
        Case c = caseOf(dir.resolve(p), p);
        if (c == null) {
          throw new IOException(
              "expected image_" + p + ".nii.gz and label_" + p + ".nii.gz in " + dir.resolve(p));
        }
        listed.add(c);
      }
      return listed;
    }
    return all(dir);
  }

  private static List<Case> all(Path dir) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.filter(Files::isDirectory).toList()) {
        String name = child.getFileName().toString();
        Case c = name.matches("[0-9]+") ? caseOf(child, name) : null;
        if (c != null) {
          cases.add(c);
        }
      }
    }
    if (cases.isEmpty()) {
      throw new IOException(
          "expected patient folders N with image_N.nii.gz and label_N.nii.gz in "
              + dir
              + ", found none");
    }
    cases.sort(Comparator.comparingLong(c -> Long.parseLong(c.patient())));
    return cases;
  }

  private static Case caseOf(Path folder, String patient) {
    Path image = folder.resolve("image_" + patient + ".nii.gz");
    Path labels = folder.resolve("label_" + patient + ".nii.gz");
    return Files.isRegularFile(image) && Files.isRegularFile(labels)
        ? new Case(patient, image, labels)
        : null;
  }
}
