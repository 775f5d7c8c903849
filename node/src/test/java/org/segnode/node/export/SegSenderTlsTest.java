package org.segnode.node.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.NodeFixture;
import org.segnode.node.config.Destination;
import org.segnode.node.tls.DicomTls;
import org.segnode.node.tls.TestPki;
import org.segnode.node.tls.TlsMaterial;

/** Exports to dcmtk storescp +tls (default profile, client certificate required). */
class SegSenderTlsTest {
  @TempDir static Path shared;
  static TestPki pki;

  @TempDir Path dir;

  @BeforeAll
  static void createPki() throws Exception {
    pki = TestPki.create(shared.resolve("pki"));
  }

  private static SegSender sender(Path trusted) throws Exception {
    DicomTls tls =
        DicomTls.create(
            TlsMaterial.keyManagers(pki.nodeP12(), TestPki.PASSWORD.toCharArray()),
            TlsMaterial.trustManagers(trusted, new char[0]),
            DicomTls.ClientAuth.NONE);
    return new SegSender("SEGNODE", Duration.ofSeconds(5), Duration.ofSeconds(20), tls);
  }

  @Test
  void segArrivesIdenticalOverTls() throws Exception {
    int port = NodeFixture.freePort();
    try (StoreScpProcess scp = StoreScpProcess.start(dir.resolve("in"), port, pki.dcmtkTls())) {
      SegSender sender = sender(pki.caPem());
      List<Boolean> noDelay = new CopyOnWriteArrayList<>();
      sender.observeSockets(socket -> noDelay.add(SegSenderTest.tcpNoDelay(socket)));
      Destination pacs = new Destination("pacs", "DEST", "127.0.0.1", port, true);
      sender.echo(pacs);
      assertEquals(0, sender.send(SegSenderTest.LIVER_SEG, pacs));
      assertEquals(List.of(true, true), noDelay);
      assertEquals(1, scp.files().size());
      assertArrayEquals(
          SegSenderTest.dataSet(SegSenderTest.LIVER_SEG),
          SegSenderTest.dataSet(scp.files().get(0)));
    }
  }

  @Test
  void untrustedServerCertificateIsOneClearLineAndNothingIsSent() throws Exception {
    int port = NodeFixture.freePort();
    try (StoreScpProcess scp = StoreScpProcess.start(dir.resolve("in"), port, pki.dcmtkTls())) {
      Destination pacs = new Destination("pacs", "DEST", "127.0.0.1", port, true);
      ExportException e =
          assertThrows(
              ExportException.class,
              () -> sender(pki.otherCaPem()).send(SegSenderTest.LIVER_SEG, pacs));
      assertTrue(
          e.getMessage().startsWith("TLS with DEST@127.0.0.1:" + port + " failed: "),
          e.getMessage());
      assertEquals(List.of(), scp.files());
    }
  }
}
