package org.segnode.node.series;

import java.time.Instant;

/** A series run that received no instance for the inactivity timeout. */
public record CompletedSeries(
    String studyUid, String seriesUid, int run, int instanceCount, Instant completedAt) {}
