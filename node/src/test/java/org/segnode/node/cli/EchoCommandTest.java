package org.segnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.node.NodeFixture;
import org.segnode.node.export.StoreScpProcess;

/** {@code segnode echo} against dcmtk's storescp, a closed port and an unknown name. */
class EchoCommandTest {
  @TempDir Path dir;

  @Test
  void echoSucceedsAgainstStoreScp() throws Exception {
    int port = NodeFixture.freePort();
    Cli.writeConfig(dir, port);
    try (StoreScpProcess scp = StoreScpProcess.start(dir.resolve("in"), port)) {
      Cli echo = Cli.run(new EchoCommand(), dir, "pacs");
      assertEquals(0, echo.exit(), echo.err());
      assertTrue(
          echo.out().matches("OK pacs DEST@127\\.0\\.0\\.1:" + port + " in \\d+ ms\\R"),
          echo.out());
    }
  }

  @Test
  void echoFailsClearlyAgainstAClosedPort() throws Exception {
    int port = NodeFixture.freePort();
    Cli.writeConfig(dir, port);
    Cli echo = Cli.run(new EchoCommand(), dir, "pacs", "--timeout", "5");
    assertEquals(1, echo.exit());
    assertEquals(
        "FAILED pacs: destination PACS 127.0.0.1:" + port + " refused the connection\n",
        echo.err());
  }

  @Test
  void unknownDestinationNamesTheConfiguredOnes() throws Exception {
    Cli.writeConfig(dir, 11112);
    Cli echo = Cli.run(new EchoCommand(), dir, "nowhere");
    assertEquals(1, echo.exit());
    assertEquals("expected a destination in [pacs], found 'nowhere'\n", echo.err());
  }
}
