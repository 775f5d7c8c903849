package org.segnode.node.segment;

import java.nio.file.Path;

/**
 * What one segmentation of a series run wrote.
 *
 * @param seg the SEG file in the outbox
 * @param nifti the NIfTI label map beside it, or null when not configured
 * @param overview the PNG overview beside it, or null when not configured
 * @param review why the result needs a human look, or null when it does not
 * @param liverMl segmented liver volume in mL
 * @param confidence mean model confidence (NaN when nothing was segmented)
 * @param inferenceMsPerSlice model inference time (no reading or writing) per volume slice, in ms
 */
public record SegmentOutcome(
    Path seg,
    Path nifti,
    Path overview,
    String review,
    double liverMl,
    double confidence,
    double inferenceMsPerSlice) {}
