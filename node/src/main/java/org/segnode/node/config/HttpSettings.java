package org.segnode.node.config;

import java.net.InetAddress;

/**
 * The monitoring HTTP endpoint: {@code http.bind} and {@code http.port} (0: no HTTP).
 *
 * @param bind the address to listen on, loopback by default
 * @param port the TCP port, or 0 when HTTP is off
 */
public record HttpSettings(InetAddress bind, int port) {}
