package org.segnode.node.config;

import java.nio.file.Path;

/**
 * How completed series are segmented and when a result is flagged for a human look.
 *
 * @param modelPath the ONNX model (absolute; relative settings are resolved against segnode.home)
 * @param niftiOutput whether a NIfTI of the labels is written beside each SEG
 * @param overviewOutput whether a PNG overview (label outlines on the image) is written beside it
 * @param reviewLiverMinMl liver volumes below this are flagged
 * @param reviewLiverMaxMl liver volumes above this are flagged
 * @param reviewMinConfidence mean confidences below this are flagged
 */
public record SegmentSettings(
    Path modelPath,
    boolean niftiOutput,
    boolean overviewOutput,
    double reviewLiverMinMl,
    double reviewLiverMaxMl,
    double reviewMinConfidence) {}
