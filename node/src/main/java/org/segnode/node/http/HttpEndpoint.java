package org.segnode.node.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP endpoints, meant for loopback: {@code GET /health/live} (200 while the process
 * runs), {@code GET /health/ready} (200 when receiving and processing, else 503 with the reason)
 * and {@code GET /metrics} (Prometheus text format). Uses the JDK's own server.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final NodeMetrics metrics;
  private final NodeState state;

  private HttpEndpoint(HttpServer server, NodeMetrics metrics, NodeState state) {
    this.server = server;
    this.metrics = metrics;
    this.state = state;
    this.executor = Executors.newFixedThreadPool(2, r -> daemon(r));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "segnode-http");
    t.setDaemon(true);
    return t;
  }

  /** Binds {@code bind}:{@code port} (0 picks a free port) and starts serving. */
  public static HttpEndpoint start(InetAddress bind, int port, NodeMetrics metrics, NodeState state)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    } catch (IOException e) {
      throw new IOException(
          "cannot listen for HTTP on " + bind.getHostAddress() + ":" + port + ": " + e, e);
    }
    HttpEndpoint endpoint = new HttpEndpoint(server, metrics, state);
    server.createContext("/health/live", x -> endpoint.handle(x, endpoint::live));
    server.createContext("/health/ready", x -> endpoint.handle(x, endpoint::ready));
    server.createContext("/metrics", x -> endpoint.handle(x, endpoint::metrics));
    server.setExecutor(endpoint.executor);
    server.start();
    LOG.info("HTTP on {}:{}", bind.getHostAddress(), endpoint.port());
    return endpoint;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private record Reply(int status, String contentType, String body) {}

  @FunctionalInterface
  private interface Handler {
    Reply reply();
  }

  private void handle(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      Reply reply;
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        reply = new Reply(404, TEXT, "not found\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply = new Reply(405, TEXT, "expected GET, found " + method + "\n");
      } else {
        reply = handler.reply();
      }
      send(exchange, reply, method.equals("HEAD"));
    } catch (RuntimeException e) {
      LOG.warn("HTTP {} failed: {}", exchange.getRequestURI(), e.toString());
    }
  }

  private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(reply.status(), head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Reply live() {
    return new Reply(200, TEXT, "live\n");
  }

  private Reply ready() {
    String reason = state.notReadyReason();
    return reason == null
        ? new Reply(200, TEXT, "ready\n")
        : new Reply(503, TEXT, "not ready: " + reason + "\n");
  }

  private Reply metrics() {
    return new Reply(200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics, state));
  }

  /** Stops at once; requests in progress are cut short (a scrape is retried). */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LOG.info("HTTP stopped");
  }
}
