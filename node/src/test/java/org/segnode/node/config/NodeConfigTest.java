package org.segnode.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
  @Test
  void shippedFilesLoadWithDocumentedDefaults(@TempDir Path state) throws Exception {
    NodeConfig config = NodeConfig.load(Path.of("../conf"), Path.of("../ae-config"), state);
    assertEquals("SEGNODE", config.aeTitle());
    assertEquals(11112, config.port());
    assertEquals("127.0.0.1", config.bindAddress().getHostAddress());
    assertEquals(Duration.ofSeconds(5), config.seriesInactivity());
    assertEquals(16, config.maxAssociations());
    assertEquals(state.resolve("spool").toAbsolutePath(), config.spoolDir());
    assertTrue(config.dbUrl().startsWith("jdbc:h2:file:" + state.toAbsolutePath() + "/db/"));
    assertEquals(
        java.util.Set.of(NodeConfig.MR_IMAGE_STORAGE, NodeConfig.ENHANCED_MR_IMAGE_STORAGE),
        config.storageSopClasses());
    assertEquals("PACS", config.destinations().get("pacs").aeTitle());
    assertEquals(
        new ExportSettings(6, Duration.ofSeconds(5), Duration.ofSeconds(300)), config.export());
    assertEquals("127.0.0.1", config.http().bind().getHostAddress());
    assertEquals(8080, config.http().port());
  }

  @Test
  void httpPortIsValidated(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/segnode.properties"), "http.port=-1\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> NodeConfig.load(dir.resolve("conf"), Path.of("../ae-config"), dir));
    assertEquals(
        List.of("conf/segnode.properties: key 'http.port': expected 0..65535, found '-1'"),
        e.errors());
  }

  @Test
  void exportBackoffIsValidated(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(
        dir.resolve("conf/segnode.properties"),
        "export.attempts=0\nexport.initial-delay-seconds=60\nexport.max-delay-seconds=10\n");
    Files.writeString(dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "PACS=127.0.0.1\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir));
    assertEquals(
        List.of(
            "conf/segnode.properties: key 'export.attempts': expected 1..1000, found '0'",
            "conf/segnode.properties: key 'export.max-delay-seconds': expected at least"
                + " export.initial-delay-seconds (60), found 10"),
        e.errors());
  }

  @Test
  void everyErrorIsReportedAtOnceWithItsKeyPath(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(
        dir.resolve("conf/segnode.properties"),
        "associations.max=0\nseries.inactivity-seconds=soon\nspool.min-free=5\n"
            + "storage.sop-classes=1.2.840.10008.5.1.4.1.1.4,MR\ndb.password=secret\n");
    Files.writeString(
        dir.resolve("ae-config/ae.properties"), "ae.title=THIS_TITLE_IS_TOO_LONG\nae.port=70000\n");
    Files.writeString(dir.resolve("ae-config/senders.properties"), "PACS=\n");
    Files.writeString(
        dir.resolve("ae-config/destinations.properties"),
        "destination.pacs.ae=PACS\ndestination.pacs.host=127.0.0.1\ndestination.pacs.tls=maybe\n");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir));
    List<String> expected =
        List.of(
            "ae-config/ae.properties: key 'ae.title': expected an AE title of 1 to 16 characters"
                + " without '\\', found 'THIS_TITLE_IS_TOO_LONG'",
            "ae-config/ae.properties: key 'ae.port': expected 1..65535, found '70000'",
            "conf/segnode.properties: key 'series.inactivity-seconds': expected 1..86400,"
                + " found 'soon'",
            "conf/segnode.properties: key 'associations.max': expected 1..10000, found '0'",
            "conf/segnode.properties: key 'storage.sop-classes': expected comma-separated UIDs,"
                + " found 'MR'",
            "conf/segnode.properties: key 'spool.min-free': expected a known key, found an"
                + " unknown one",
            "ae-config/senders.properties: key 'PACS': expected one or more hosts (or *),"
                + " found none",
            "ae-config/destinations.properties: key 'destination.pacs.port': expected 1..65535,"
                + " found none",
            "ae-config/destinations.properties: key 'destination.pacs.tls': expected true or"
                + " false, found 'maybe'");
    assertEquals(expected, e.errors());
    assertTrue(!e.getMessage().contains("secret"), "no secret in the message");
  }

  @Test
  void describeNeverShowsThePassword(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/segnode.properties"), "db.password=hunter2\n");
    NodeConfig config = NodeConfig.load(dir.resolve("conf"), Path.of("../ae-config"), dir);
    assertEquals("hunter2", config.dbPassword());
    assertTrue(config.describe().stream().noneMatch(line -> line.contains("hunter2")));
    assertTrue(!config.toString().contains("hunter2"));
  }
}
