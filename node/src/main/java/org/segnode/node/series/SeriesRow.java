package org.segnode.node.series;

import java.time.Instant;

/** One run of a series as the database holds it; {@code lastReceived} is its newest instance. */
public record SeriesRow(
    String seriesUid,
    int run,
    String studyUid,
    String state,
    int instanceCount,
    Instant lastReceived) {}
