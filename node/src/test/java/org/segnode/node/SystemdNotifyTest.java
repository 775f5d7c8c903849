package org.segnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifications arrive on a Unix datagram socket as systemd's would receive them; python3
 * listens there (Java 17 has no Unix datagram sockets) and prints each datagram on one line. It
 * ends only at the barrier systemd-notify sends after STOPPING=1: ending at STOPPING=1 itself made
 * that barrier fail ("Connection refused") whenever the listener closed first.
 */
class SystemdNotifyTest {
  private static final String LISTENER =
      "import socket,sys\n"
          + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
          + "s.bind(sys.argv[1])\n"
          + "s.settimeout(30)\n"
          + "stopping=False\n"
          + "while True:\n"
          + "    m=s.recv(4096).decode().replace('\\n',' ')\n"
          + "    if m.startswith('BARRIER'):\n"
          + "        if stopping:\n"
          + "            break\n"
          + "        continue\n"
          + "    print(m,flush=True)\n"
          + "    stopping=stopping or 'STOPPING=1' in m\n";

  @Test
  void readyThenStoppingReachTheNotifySocket(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("notify.sock");
    Process listener =
        new ProcessBuilder("python3", "-c", LISTENER, socket.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      awaitFile(socket);
      SystemdNotify notify = new SystemdNotify(socket.toString());
      assertTrue(notify.ready("accepting associations"));
      assertTrue(notify.stopping());
      assertTrue(listener.waitFor(30, TimeUnit.SECONDS), "listener expected to end");
      List<String> lines =
          new String(listener.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      assertEquals(2, lines.size(), "datagrams: " + lines);
      assertTrue(lines.get(0).contains("READY=1"), lines.get(0));
      assertTrue(lines.get(0).contains("MAINPID=" + ProcessHandle.current().pid()), lines.get(0));
      assertTrue(lines.get(0).contains("STATUS=accepting associations"), lines.get(0));
      assertEquals("STOPPING=1", lines.get(1).strip());
    } finally {
      listener.destroyForcibly();
    }
  }

  @Test
  void withoutNotifySocketNothingIsSent() {
    assertFalse(new SystemdNotify(null).ready("x"));
    assertFalse(new SystemdNotify("").stopping());
  }

  /** Bounded: the socket file appears once python has bound it, at most 10 s. */
  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(file), "expected " + file + " bound within 10 s");
  }
}
