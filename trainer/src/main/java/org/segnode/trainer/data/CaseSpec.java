package org.segnode.trainer.data;

import java.nio.file.Path;

/**
 * One patient of a dataset: an image (NIfTI file or DICOM series folder), its labels (NIfTI label
 * map, CHAOS-style PNG folder, or SEG) and the split it belongs to. Splits are by patient: every
 * slice of a case lands in the same split.
 */
public record CaseSpec(String id, Path image, Path labels, Split split) {
  public enum Split {
    TRAIN,
    VALIDATION,
    TEST
  }
}
