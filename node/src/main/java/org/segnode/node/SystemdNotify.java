package org.segnode.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd (Type=notify) that the node is ready or stopping, when started by it ({@code
 * NOTIFY_SOCKET} set). Java 17 cannot send on a Unix datagram socket, so this runs {@code
 * systemd-notify} with our PID; the unit therefore needs {@code NotifyAccess=all}, and
 * systemd-notify's default wait for the manager to process the message avoids its known race of
 * exiting before systemd identified the sender. Outside systemd every call does nothing.
 */
public final class SystemdNotify {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
  private static final long TIMEOUT_SECONDS = 10;

  private final String socket;

  SystemdNotify(String socket) {
    this.socket = socket == null || socket.isBlank() ? null : socket;
  }

  public static SystemdNotify fromEnvironment() {
    return new SystemdNotify(System.getenv("NOTIFY_SOCKET"));
  }

  /** READY=1 with our PID as the main PID and a one-line status; false if not sent. */
  public boolean ready(String status) {
    return send("--ready", "--pid=" + ProcessHandle.current().pid(), "--status=" + status);
  }

  /** STOPPING=1: systemd shows "deactivating" while the node closes. */
  public boolean stopping() {
    return send("STOPPING=1");
  }

  private boolean send(String... message) {
    if (socket == null) {
      return false;
    }
    List<String> command = new ArrayList<>(List.of("systemd-notify"));
    command.addAll(List.of(message));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NOTIFY_SOCKET", socket);
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        LOG.warn("systemd-notify {} did not end within {} s", message[0], TIMEOUT_SECONDS);
        return false;
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        LOG.warn("systemd-notify {} failed: {}", message[0], output.strip());
        return false;
      }
      LOG.info("told systemd {}", message[0]);
      return true;
    } catch (IOException e) {
      LOG.warn("cannot run systemd-notify: {}", e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
