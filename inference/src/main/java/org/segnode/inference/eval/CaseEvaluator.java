package org.segnode.inference.eval;

import org.segnode.imaging.labels.LabelResampler;
import org.segnode.imaging.metrics.MetricsCalculator;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.inference.SegmentationResult;
import org.segnode.inference.Segmenter;
import org.segnode.inference.model.ModelLabel;
import org.segnode.inference.onnx.ModelException;

/**
 * Segments one labelled case exactly as the node would (on the image's own grid) and adds one table
 * row per model label. Shared by {@code segnode evaluate} and the trainer's export step.
 */
public final class CaseEvaluator {
  private CaseEvaluator() {}

  public static SegmentationResult evaluate(
      Segmenter segmenter,
      String patient,
      ImageVolume image,
      LabelVolume reference,
      EvaluationTable table)
      throws ModelException {
    LabelVolume onImageGrid =
        reference.grid().sameAs(image.grid(), 1e-3)
            ? reference
            : LabelResampler.toGrid(reference, image.grid());
    SegmentationResult result = segmenter.segment(image);
    for (ModelLabel label : segmenter.metadata().labels()) {
      var metrics = MetricsCalculator.compute(result.labels(), onImageGrid, label.value());
      table.add(EvaluationTable.Row.of(patient, label.code().meaning(), metrics));
    }
    return result;
  }
}
