package org.segnode.node.db;

import java.nio.file.Path;
import java.time.Instant;

/** One instance as recorded once its file is durable in the spool. */
public record StoredInstance(
    String sopInstanceUid,
    String sopClassUid,
    String transferSyntaxUid,
    String studyUid,
    String seriesUid,
    int run,
    Path path,
    long sizeBytes,
    String callingAe,
    Instant receivedAt) {}
