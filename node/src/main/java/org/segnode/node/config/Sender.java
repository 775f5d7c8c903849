package org.segnode.node.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * A calling AE title allowed to send to us, with the addresses it may connect from ({@code anyHost}
 * when configured as {@code *}). Host names are resolved once at start-up.
 */
public record Sender(
    String aeTitle, List<String> hosts, Set<InetAddress> addresses, boolean anyHost) {
  public boolean allows(InetAddress peer) {
    return anyHost || addresses.contains(peer);
  }
}
