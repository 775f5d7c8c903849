package org.segnode.node.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  /**
   * The purge job deletes a series folder it emptied; the next instance of that series recreates
   * it.
   */
  @Test
  void seriesFolderRemovedWhileRunningIsCreatedAgain() throws Exception {
    Spool spool = Spool.open(dir, 0, SpoolOutput::open);
    Path first = commit(spool, "1.2.3.1", new byte[] {1, 2, 3});
    Files.delete(first);
    Files.delete(first.getParent());

    Path second = commit(spool, "1.2.3.2", new byte[] {4, 5});

    assertEquals(first.getParent(), second.getParent());
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(second));
    try (var left = Files.list(dir.resolve(".incoming"))) {
      assertEquals(List.of(), left.toList(), "no temporary file left behind");
    }
    assertFalse(Files.exists(first));
  }

  private static Path commit(Spool spool, String sopUid, byte[] content) throws Exception {
    Spool.Incoming incoming = spool.begin();
    incoming.write(content, 0, content.length);
    incoming.finish();
    return spool.commit(incoming, "1.2.3", "1.2.3.4", sopUid);
  }
}
