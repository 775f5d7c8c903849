package org.segnode.node.spool;

import java.io.IOException;

/** The spool's file system has less free space than the configured watermark. */
public final class SpoolFullException extends IOException {
  public SpoolFullException(long usableBytes, long minFreeBytes) {
    super(
        "spool free space below watermark: expected at least "
            + minFreeBytes / (1024 * 1024)
            + " MB free, found "
            + usableBytes / (1024 * 1024)
            + " MB");
  }
}
