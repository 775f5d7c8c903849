package org.segnode.imaging.metrics;

/**
 * Overlap and surface measures of one label of a prediction against a reference (the CHAOS
 * challenge measures plus IoU and HD95); see {@link MetricsCalculator} for definitions and edge
 * cases. Volumes in mL, distances in mm.
 *
 * @param volumeDifferenceMl signed, {@code predictedMl - referenceMl}
 * @param hd95Mm 95th percentile of the pooled surface distances of both directions
 * @param hausdorffMm maximum of all surface distances (CHAOS's maximum symmetric surface distance)
 * @param assdMm average symmetric surface distance (mean of the pooled distances)
 */
public record SegmentationMetrics(
    int label,
    double dice,
    double iou,
    double predictedMl,
    double referenceMl,
    double volumeDifferenceMl,
    double hd95Mm,
    double hausdorffMm,
    double assdMm) {}
