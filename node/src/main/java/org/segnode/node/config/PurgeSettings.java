package org.segnode.node.config;

import java.time.Duration;

/**
 * When finished series runs are removed from the spool and outbox.
 *
 * @param retention how long after a run finished it is kept; {@link Duration#ZERO}: never purged
 * @param interval how often the purge job looks for runs to remove
 */
public record PurgeSettings(Duration retention, Duration interval) {
  public boolean enabled() {
    return !retention.isZero();
  }
}
