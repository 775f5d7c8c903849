package org.segnode.node.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.NodeFixture;
import org.segnode.node.config.Destination;

class SegSenderTest {
  static final Path LIVER_SEG = Path.of("/work/shared/data/seg-examples/dcmqi/liver_seg.dcm");

  @TempDir Path dir;

  static SegSender sender() {
    return new SegSender("SEGNODE", Duration.ofSeconds(5), Duration.ofSeconds(20));
  }

  @Test
  void echoAnswersOverNoDelaySocket() throws Exception {
    int port = NodeFixture.freePort();
    try (StoreScpProcess scp = StoreScpProcess.start(dir.resolve("in"), port)) {
      SegSender sender = sender();
      List<Boolean> noDelay = new CopyOnWriteArrayList<>();
      sender.observeSockets(socket -> noDelay.add(tcpNoDelay(socket)));
      sender.echo(new Destination("pacs", "DEST", "127.0.0.1", port, false));
      assertEquals(List.of(true), noDelay);
    }
  }

  @Test
  void segArrivesWithIdenticalDataSetOverNoDelaySocket() throws Exception {
    int port = NodeFixture.freePort();
    try (StoreScpProcess scp = StoreScpProcess.start(dir.resolve("in"), port)) {
      SegSender sender = sender();
      List<Boolean> noDelay = new CopyOnWriteArrayList<>();
      sender.observeSockets(socket -> noDelay.add(tcpNoDelay(socket)));
      int status =
          sender.send(LIVER_SEG, new Destination("pacs", "DEST", "127.0.0.1", port, false));
      assertEquals(0, status);
      assertEquals(List.of(true), noDelay);
      assertEquals(1, scp.files().size());
      assertArrayEquals(dataSet(LIVER_SEG), dataSet(scp.files().get(0)));
    }
  }

  @Test
  void refusedConnectionIsOneClearLine() throws Exception {
    int port = NodeFixture.freePort();
    ExportException e =
        assertThrows(
            ExportException.class,
            () ->
                sender()
                    .send(LIVER_SEG, new Destination("pacs", "DEST", "127.0.0.1", port, false)));
    assertEquals("destination PACS 127.0.0.1:" + port + " refused the connection", e.getMessage());
  }

  @Test
  void rejectedAssociationNamesTheReason() throws Exception {
    try (NodeFixture node = NodeFixture.start(dir)) {
      SegSender stranger = new SegSender("STRANGER", Duration.ofSeconds(5), Duration.ofSeconds(5));
      Destination d = new Destination("node", "SEGNODE", "127.0.0.1", node.port(), false);
      ExportException e = assertThrows(ExportException.class, () -> stranger.send(LIVER_SEG, d));
      assertTrue(
          e.getMessage().startsWith("association rejected by SEGNODE@127.0.0.1:"), e.getMessage());
      assertTrue(e.getMessage().contains("calling AE Title not recognized"), e.getMessage());
    }
  }

  static boolean tcpNoDelay(Socket socket) {
    try {
      return socket.getTcpNoDelay();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] dataSet(Path file) throws Exception {
    DicomFile dicom = DicomFile.read(file);
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(dicom.dataOffset());
      return in.readAllBytes();
    }
  }
}
