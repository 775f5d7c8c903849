package org.segnode.node.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether the other end of an accepted loopback connection belongs to the same Unix user as
 * this process, from the kernel's socket tables ({@code /proc/net/tcp}, {@code tcp6}): the
 * connecting socket is the row whose local port is the peer's port and whose remote port is ours.
 * Linux only; elsewhere nothing is trusted.
 */
final class LoopbackPeer {
  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private LoopbackPeer() {}

  static boolean isOwnUser(Socket accepted) throws IOException {
    if (!accepted.getInetAddress().isLoopbackAddress()) {
      return false;
    }
    int ownUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    String peerPort = hexPort(accepted.getPort());
    String ourPort = hexPort(accepted.getLocalPort());
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      for (String line : Files.readAllLines(table)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 7 && f[1].endsWith(peerPort) && f[2].endsWith(ourPort)) {
          return Integer.parseInt(f[7]) == ownUid;
        }
      }
    }
    return false;
  }

  private static String hexPort(int port) {
    return String.format(Locale.ROOT, ":%04X", port);
  }
}
