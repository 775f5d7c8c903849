package org.segnode.node.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.segnode.node.spool.Spool;

/** Builds a {@link NodeConfig}, collecting every problem instead of stopping at the first. */
final class NodeConfigLoader {
  private static final Pattern DESTINATION_KEY =
      Pattern.compile("destination\\.([A-Za-z0-9_-]+)\\.(ae|host|port|tls)");
  private static final long MB = 1024L * 1024L;

  private final Path confDir;
  private final Path aeConfigDir;
  private final Path stateDir;
  private final List<String> errors = new ArrayList<>();

  NodeConfigLoader(Path confDir, Path aeConfigDir, Path stateDir) {
    this.confDir = confDir;
    this.aeConfigDir = aeConfigDir;
    this.stateDir = stateDir.toAbsolutePath().normalize();
  }

  NodeConfig load() throws ConfigException {
    Settings node =
        Settings.read(
            confDir.resolve("segnode.properties"), "conf/segnode.properties", false, errors);
    Settings ae =
        Settings.read(
            aeConfigDir.resolve("ae.properties"), "ae-config/ae.properties", true, errors);
    Settings senders =
        Settings.read(
            aeConfigDir.resolve("senders.properties"),
            "ae-config/senders.properties",
            true,
            errors);
    Settings destinations =
        Settings.read(
            aeConfigDir.resolve("destinations.properties"),
            "ae-config/destinations.properties",
            false,
            errors);
    NodeConfig config = build(node, ae, senders, destinations);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return config;
  }

  private NodeConfig build(Settings node, Settings ae, Settings senders, Settings destinations) {
    String title = aeTitle(ae, "ae.title", "SEGNODE");
    InetAddress bind = address(ae, "ae.bind", "127.0.0.1");
    int port = ae.integer("ae.port", 11112, 1, 65535);
    String spool = node.string("spool.dir", null);
    String outbox = node.string("outbox.dir", null);
    long minFree = node.integer("spool.min-free-mb", 1024, 0, Integer.MAX_VALUE) * MB;
    int inactivity = node.integer("series.inactivity-seconds", 5, 1, 86_400);
    int maxAssociations = node.integer("associations.max", 16, 1, 10_000);
    int idle = node.integer("associations.idle-timeout-seconds", 60, 1, 86_400);
    int maxPdu = node.integer("associations.max-pdu-bytes", 262_144, 4096, 16_777_216);
    Set<String> sopClasses = sopClasses(node);
    String dbUrl = node.string("db.url", defaultDbUrl());
    String dbUser = node.string("db.user", "sa");
    String dbPassword = node.string("db.password", "");
    SegmentSettings segment = segmentSettings(node);
    ExportSettings export = exportSettings(node);
    HttpSettings http = httpSettings(node);
    PurgeSettings purge = purgeSettings(node);
    node.rejectUnknownKeys();
    Map<String, Sender> allowed = senders(senders);
    Map<String, Destination> targets = destinations(destinations);
    // After the destinations: whether TLS material is needed depends on them.
    TlsSettings tls = new TlsSettingsLoader(ae, aeConfigDir).load(targets.values());
    ae.rejectUnknownKeys();
    List<RoutingRule> routing =
        RoutingLoader.load(confDir, home(), segment.modelPath(), targets.keySet(), errors);
    return new NodeConfig(
        title,
        bind,
        port,
        tls,
        allowed,
        targets,
        stateDir,
        spool == null ? stateDir.resolve("spool") : Path.of(spool).toAbsolutePath(),
        outbox == null ? stateDir.resolve("outbox") : Path.of(outbox).toAbsolutePath(),
        minFree,
        Duration.ofSeconds(inactivity),
        maxAssociations,
        Duration.ofSeconds(idle),
        maxPdu,
        sopClasses,
        dbUrl,
        dbUser,
        dbPassword,
        segment,
        export,
        http,
        routing,
        purge);
  }

  private PurgeSettings purgeSettings(Settings node) {
    int days = node.integer("purge.retention-days", 7, 0, 36_500);
    int minutes = node.integer("purge.interval-minutes", 60, 1, 10_080);
    return new PurgeSettings(Duration.ofDays(days), Duration.ofMinutes(minutes));
  }

  private HttpSettings httpSettings(Settings node) {
    return new HttpSettings(
        address(node, "http.bind", "127.0.0.1"), node.integer("http.port", 8080, 0, 65535));
  }

  private ExportSettings exportSettings(Settings node) {
    int attempts = node.integer("export.attempts", 6, 1, 1000);
    int initial = node.integer("export.initial-delay-seconds", 5, 0, 86_400);
    int max = node.integer("export.max-delay-seconds", 300, 0, 86_400);
    if (max < initial) {
      node.error(
          "export.max-delay-seconds",
          "at least export.initial-delay-seconds (" + initial + ")",
          "" + max);
    }
    return new ExportSettings(
        attempts, Duration.ofSeconds(initial), Duration.ofSeconds(Math.max(max, initial)));
  }

  /** The shipped model lives in the installation, not the state folder, so it is under home. */
  private SegmentSettings segmentSettings(Settings node) {
    String model = node.string("model.path", "models/liver-mr-t2/model.onnx");
    double min = node.decimal("review.liver-ml.min", 500, 0, 1e6);
    double max = node.decimal("review.liver-ml.max", 4500, 0, 1e6);
    if (max < min) {
      node.error("review.liver-ml.max", "at least review.liver-ml.min (" + min + ")", "" + max);
    }
    return new SegmentSettings(
        home().resolve(model).toAbsolutePath().normalize(),
        node.bool("output.nifti", false),
        node.bool("output.overview", false),
        min,
        max,
        node.decimal("review.min-confidence", 0.7, 0, 1));
  }

  private static Path home() {
    return Path.of(System.getProperty("segnode.home", "."));
  }

  /**
   * WRITE_DELAY=0: H2 writes each commit to the file at once instead of up to 0.5 s later.
   * AUTO_SERVER=TRUE: the process holding the file serves other processes (segnode status, retry)
   * over a TCP port it picks and records in the lock file; in-process connections stay embedded.
   */
  private String defaultDbUrl() {
    return "jdbc:h2:file:"
        + stateDir.resolve("db").resolve("segnode")
        + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
  }

  private Set<String> sopClasses(Settings node) {
    String fallback = NodeConfig.MR_IMAGE_STORAGE + "," + NodeConfig.ENHANCED_MR_IMAGE_STORAGE;
    Set<String> uids = new LinkedHashSet<>();
    for (String uid : node.string("storage.sop-classes", fallback).split(",")) {
      String trimmed = uid.trim();
      if (Spool.isUid(trimmed)) {
        uids.add(trimmed);
      } else {
        node.error("storage.sop-classes", "comma-separated UIDs", "'" + trimmed + "'");
      }
    }
    return Set.copyOf(uids);
  }

  private String aeTitle(Settings settings, String key, String fallback) {
    String title = settings.string(key, fallback);
    if (!validAeTitle(title)) {
      settings.error(key, "an AE title of 1 to 16 characters without '\\'", "'" + title + "'");
    }
    return title;
  }

  static boolean validAeTitle(String title) {
    return !title.isBlank()
        && title.length() <= 16
        && title.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\\');
  }

  private InetAddress address(Settings settings, String key, String fallback) {
    String value = settings.string(key, fallback);
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      settings.error(key, "an IP address or resolvable host name", "'" + value + "'");
      return InetAddress.getLoopbackAddress();
    }
  }

  private Map<String, Sender> senders(Settings settings) {
    Map<String, Sender> senders = new LinkedHashMap<>();
    for (String title : settings.keys()) {
      if (!validAeTitle(title)) {
        settings.error(title, "an AE title of 1 to 16 characters without '\\'", "'" + title + "'");
      }
      senders.put(title, sender(settings, title));
    }
    return Map.copyOf(senders);
  }

  private Sender sender(Settings settings, String title) {
    List<String> hosts =
        Arrays.stream(settings.string(title, "").split(","))
            .map(String::trim)
            .filter(h -> !h.isEmpty())
            .toList();
    if (hosts.isEmpty()) {
      settings.error(title, "one or more hosts (or *)", "none");
    }
    Set<InetAddress> addresses = new LinkedHashSet<>();
    for (String host : hosts) {
      if (host.equals("*")) {
        continue;
      }
      try {
        addresses.addAll(Arrays.asList(InetAddress.getAllByName(host)));
      } catch (UnknownHostException e) {
        settings.error(title, "an IP address or resolvable host name", "'" + host + "'");
      }
    }
    return new Sender(title, hosts, Set.copyOf(addresses), hosts.contains("*"));
  }

  private Map<String, Destination> destinations(Settings settings) {
    Map<String, Destination> result = new TreeMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (String key : settings.keys()) {
      var m = DESTINATION_KEY.matcher(key);
      if (m.matches()) {
        names.add(m.group(1));
      }
    }
    for (String name : names) {
      String prefix = "destination." + name + ".";
      String ae = aeTitle(settings, prefix + "ae", "");
      String host = settings.string(prefix + "host", "");
      if (host.isEmpty()) {
        settings.error(prefix + "host", "a host name or IP address", "none");
      }
      int port = settings.integer(prefix + "port", 0, 1, 65535);
      if (settings.string(prefix + "port", null) == null) {
        settings.error(prefix + "port", "1..65535", "none");
      }
      result.put(name, new Destination(name, ae, host, port, settings.bool(prefix + "tls", false)));
    }
    settings.rejectUnknownKeys();
    return Map.copyOf(result);
  }
}
