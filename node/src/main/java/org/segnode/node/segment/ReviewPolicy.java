package org.segnode.node.segment;

import java.util.ArrayList;
import java.util.List;
import org.segnode.inference.SegmentationResult;
import org.segnode.inference.model.ModelLabel;
import org.segnode.inference.model.ModelMetadata;
import org.segnode.node.config.SegmentSettings;

/**
 * Decides whether a result needs a human look. Such results are still written and sent, but
 * labelled, so a reader never takes an implausible contour for a good one.
 */
public record ReviewPolicy(double liverMinMl, double liverMaxMl, double minConfidence) {

  public static ReviewPolicy of(SegmentSettings settings) {
    return new ReviewPolicy(
        settings.reviewLiverMinMl(), settings.reviewLiverMaxMl(), settings.reviewMinConfidence());
  }

  /** Why {@code result} needs review ("; "-joined), or null when it looks plausible. */
  public String reason(SegmentationResult result, ModelMetadata metadata) {
    double liverMl = result.volumesMl().getOrDefault(liverLabel(metadata), 0.0);
    if (liverMl <= 0) {
      return "no liver found";
    }
    List<String> reasons = new ArrayList<>();
    if (liverMl < liverMinMl || liverMl > liverMaxMl) {
      reasons.add(
          String.format("liver %.0f mL outside %.0f-%.0f mL", liverMl, liverMinMl, liverMaxMl));
    }
    // NaN (nothing segmented) is handled above; compare so NaN would also be flagged
    if (!(result.confidence() >= minConfidence)) {
      reasons.add(String.format("confidence %.2f below %.2f", result.confidence(), minConfidence));
    }
    return reasons.isEmpty() ? null : String.join("; ", reasons);
  }

  /** The model's liver label by its code meaning; the first label for a single-organ model. */
  static int liverLabel(ModelMetadata metadata) {
    for (ModelLabel label : metadata.labels()) {
      if (label.code().meaning().equalsIgnoreCase("Liver")) {
        return label.value();
      }
    }
    return metadata.labels().get(0).value();
  }
}
