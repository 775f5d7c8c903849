package org.segnode.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.tls.DicomTls;
import org.segnode.node.tls.TestPki;

/** The ae.tls keys: stores loaded at start-up, each problem reported with its key. */
class TlsSettingsTest {
  @TempDir static Path shared;
  static TestPki pki;

  @TempDir Path dir;

  @BeforeAll
  static void createPki() throws Exception {
    pki = TestPki.create(shared.resolve("pki"));
  }

  private NodeConfig load(String aeLines, String destinations) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("ae-config"));
    Files.writeString(dir.resolve("ae-config/ae.properties"), "ae.title=SEGNODE\n" + aeLines);
    Files.writeString(dir.resolve("ae-config/senders.properties"), "PACS=127.0.0.1\n");
    Files.writeString(dir.resolve("ae-config/destinations.properties"), destinations);
    return NodeConfig.load(dir.resolve("conf"), dir.resolve("ae-config"), dir.resolve("state"));
  }

  private List<String> errors(String aeLines, String destinations) {
    return assertThrows(ConfigException.class, () -> load(aeLines, destinations)).errors();
  }

  @Test
  void tlsIsOffByDefaultAndNoStoreIsRead() throws Exception {
    NodeConfig config = load("", "");
    assertFalse(config.tls().scp());
    assertNull(config.tls().context());
  }

  @Test
  void validStoresGiveModernProtocolsAndSuitesOnly() throws Exception {
    NodeConfig config = load(pki.aeLines("want"), "");
    DicomTls tls = config.tls().context();
    assertNotNull(tls);
    assertEquals(DicomTls.ClientAuth.WANT, config.tls().clientAuth());
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
    assertTrue(tls.cipherSuites().contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    assertTrue(tls.cipherSuites().contains("TLS_AES_128_GCM_SHA256"));
    for (String suite : tls.cipherSuites()) {
      assertFalse(
          suite.startsWith("TLS_RSA_") || suite.contains("CBC") || suite.contains("DSS"), suite);
    }
    assertFalse(String.join(",", config.describe()).contains(TestPki.PASSWORD));
  }

  @Test
  void wrongPasswordNamesThePasswordKey() {
    String lines = pki.aeLines("none").replace(TestPki.PASSWORD, "not-it");
    assertEquals(
        List.of(
            "ae-config/ae.properties: key 'ae.tls.keystore-password': expected the password of "
                + pki.nodeP12()
                + ", found one the keystore rejects"),
        errors(lines, ""));
  }

  @Test
  void missingStoresAndBadClientAuthAreReportedTogether() {
    Path missing = dir.resolve("nowhere.p12");
    List<String> errors =
        errors(
            "ae.tls=true\nae.tls.keystore=" + missing + "\nae.tls.client-auth=maybe\n",
            "destination.pacs.ae=PACS\ndestination.pacs.host=127.0.0.1\n"
                + "destination.pacs.port=104\ndestination.pacs.tls=true\n");
    assertEquals(
        List.of(
            "ae-config/ae.properties: key 'ae.tls.client-auth': expected none, want or need,"
                + " found 'maybe'",
            "ae-config/ae.properties: key 'ae.tls.truststore': expected the CAs of destination"
                + " pacs (tls=true), found none",
            "ae-config/ae.properties: key 'ae.tls.keystore': expected a readable file at "
                + missing
                + ", found none"),
        errors);
  }

  @Test
  void tlsWithoutKeystoreIsAnError() {
    assertEquals(
        List.of(
            "ae-config/ae.properties: key 'ae.tls.keystore': expected a PKCS12 file with the"
                + " node's key (ae.tls=true), found none"),
        errors("ae.tls=true\n", ""));
  }
}
