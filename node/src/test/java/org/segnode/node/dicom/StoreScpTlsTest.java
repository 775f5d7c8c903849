package org.segnode.node.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.node.Dcmtk;
import org.segnode.node.NodeFixture;
import org.segnode.node.spool.SpoolOutput;
import org.segnode.node.tls.TestPki;

/** The Storage SCP with ae.tls=true against dcmtk's storescu and echoscu, TLS and plain. */
class StoreScpTlsTest {
  @TempDir static Path shared;
  static TestPki pki;
  static List<Path> series;

  @BeforeAll
  static void setUp() throws Exception {
    pki = TestPki.create(shared.resolve("pki"));
    var volume = NiftiReader.readImage(SharedData.path("chaos-t2spir/2/image_2.nii.gz"));
    series =
        new DicomSeriesWriter()
            .write(volume, shared.resolve("series"), DicomSeriesWriter.Options.withSeed("tls"));
  }

  private static NodeFixture start(Path dir, String clientAuth) throws Exception {
    return NodeFixture.start(
        dir, Map.of("spool.min-free-mb", "1"), pki.aeLines(clientAuth), SpoolOutput::open);
  }

  /** storescu +tls with dcmtk's default profile (BCP 195 non-downgrading). */
  private static Dcmtk.Result storeTls(int port, Path file) throws Exception {
    List<String> command = new ArrayList<>(List.of("storescu", "-v"));
    command.addAll(pki.dcmtkTls());
    command.addAll(
        List.of("-aet", "STORESCU", "-aec", "SEGNODE", "127.0.0.1", "" + port, file.toString()));
    return Dcmtk.run(command);
  }

  @Test
  void storescuWithTlsDefaultProfileStoresTheInstance(@TempDir Path dir) throws Exception {
    try (NodeFixture node = start(dir, "need")) {
      Dcmtk.Result sent = storeTls(node.port(), series.get(0));
      assertEquals(0, sent.exitCode(), sent.output());
      assertTrue(sent.output().contains("Received Store Response (Success)"), sent.output());
      assertEquals(1, node.spoolFiles().size(), "spool: " + node.spoolFiles());
    }
  }

  @Test
  void plainClientFailsAndTheNodeKeepsServingTls(@TempDir Path dir) throws Exception {
    try (NodeFixture node = start(dir, "none")) {
      Dcmtk.Result plain = Dcmtk.store(node.port(), series.get(0).toString());
      assertNotEquals(0, plain.exitCode(), plain.output());
      assertEquals(List.of(), node.spoolFiles());
      Dcmtk.Result tls = storeTls(node.port(), series.get(1));
      assertEquals(0, tls.exitCode(), tls.output());
      assertEquals(1, node.spoolFiles().size(), "spool: " + node.spoolFiles());
    }
  }

  @Test
  void clientWithoutCertificateIsRefusedWhenClientAuthIsNeeded(@TempDir Path dir) throws Exception {
    try (NodeFixture node = start(dir, "need")) {
      Dcmtk.Result anonymous =
          Dcmtk.run(
              List.of(
                  "echoscu",
                  "+tla",
                  "+cf",
                  pki.caPem().toString(),
                  "-aet",
                  "ECHOSCU",
                  "-aec",
                  "SEGNODE",
                  "127.0.0.1",
                  "" + node.port()));
      assertNotEquals(0, anonymous.exitCode(), anonymous.output());
      Dcmtk.Result echo = storeTls(node.port(), series.get(2));
      assertEquals(0, echo.exitCode(), echo.output());
    }
  }
}
