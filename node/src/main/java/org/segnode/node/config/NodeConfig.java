package org.segnode.node.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node's effective settings, validated: {@code conf/segnode.properties}, {@code
 * conf/routing.properties} and the files of {@code ae-config/} ({@code ae.properties}, {@code
 * senders.properties}, {@code destinations.properties}), with paths under the state folder filled
 * in. Load with {@link #load}; every key is documented in the shipped files.
 */
public record NodeConfig(
    String aeTitle,
    InetAddress bindAddress,
    int port,
    TlsSettings tls,
    Map<String, Sender> senders,
    Map<String, Destination> destinations,
    Path stateDir,
    Path spoolDir,
    Path outboxDir,
    long minFreeBytes,
    Duration seriesInactivity,
    int maxAssociations,
    Duration idleTimeout,
    int maxPduBytes,
    Set<String> storageSopClasses,
    String dbUrl,
    String dbUser,
    String dbPassword,
    SegmentSettings segment,
    ExportSettings export,
    HttpSettings http,
    List<RoutingRule> routing,
    PurgeSettings purge) {

  public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
  public static final String ENHANCED_MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4.1";

  /**
   * Reads and validates the three folders' files.
   *
   * @throws ConfigException listing every problem found, each with its file and key
   */
  public static NodeConfig load(Path confDir, Path aeConfigDir, Path stateDir)
      throws ConfigException {
    return new NodeConfigLoader(confDir, aeConfigDir, stateDir).load();
  }

  /** The effective values, one per line, for the start-up log; passwords are never shown. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>(settings());
    lines.add("purge.retention-days=" + purge.retention().toDays());
    lines.add("purge.interval-minutes=" + purge.interval().toMinutes());
    routing.forEach(rule -> lines.add("rule " + rule.describe()));
    return List.copyOf(lines);
  }

  private List<String> settings() {
    return List.of(
        "ae.title=" + aeTitle,
        "ae.bind=" + bindAddress.getHostAddress(),
        "ae.port=" + port,
        "ae.tls=" + tls.scp(),
        "ae.tls.keystore=" + tls.keystore(),
        "ae.tls.truststore=" + tls.truststore(),
        "ae.tls.client-auth=" + tls.clientAuth().name().toLowerCase(java.util.Locale.ROOT),
        "tls.protocols=" + (tls.context() == null ? "[]" : tls.context().protocols()),
        "tls.cipher-suites=" + (tls.context() == null ? "[]" : tls.context().cipherSuites()),
        "senders=" + senders.values().stream().map(s -> s.aeTitle() + "@" + s.hosts()).toList(),
        "destinations=" + destinations.values(),
        "state=" + stateDir,
        "spool.dir=" + spoolDir,
        "outbox.dir=" + outboxDir,
        "spool.min-free-mb=" + minFreeBytes / (1024 * 1024),
        "series.inactivity-seconds=" + seriesInactivity.toSeconds(),
        "associations.max=" + maxAssociations,
        "associations.idle-timeout-seconds=" + idleTimeout.toSeconds(),
        "associations.max-pdu-bytes=" + maxPduBytes,
        "storage.sop-classes=" + storageSopClasses,
        "db.url=" + dbUrl,
        "db.user=" + dbUser,
        "model.path=" + segment.modelPath(),
        "output.nifti=" + segment.niftiOutput(),
        "output.overview=" + segment.overviewOutput(),
        "review.liver-ml.min=" + segment.reviewLiverMinMl(),
        "review.liver-ml.max=" + segment.reviewLiverMaxMl(),
        "review.min-confidence=" + segment.reviewMinConfidence(),
        "export.attempts=" + export.attempts(),
        "export.initial-delay-seconds=" + export.initialDelay().toSeconds(),
        "export.max-delay-seconds=" + export.maxDelay().toSeconds(),
        "http.bind=" + http.bind().getHostAddress(),
        "http.port=" + http.port());
  }

  /** The rule named {@code name}, if configured. */
  public Optional<RoutingRule> rule(String name) {
    return routing.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Keeps the password out of any accidental log of the whole record. */
  @Override
  public String toString() {
    return "NodeConfig" + describe();
  }
}
