package org.segnode.node.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: GETs from the node's HTTP endpoint and checks the Prometheus text format. */
public final class Scrape {
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+]?[0-9.eE+-]+|NaN|[+-]Inf)( -?[0-9]+)?");
  private static final Pattern COMMENT =
      Pattern.compile(
          "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* "
              + "(counter|gauge|summary|histogram|untyped))");

  private Scrape() {}

  /** Every line a comment of the format or a sample {@code name{labels}? value}; name to value. */
  public static Map<String, String> parse(String body) {
    assertTrue(body.endsWith("\n"), "ends with a line feed");
    Map<String, String> samples = new HashMap<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("#")) {
        assertTrue(COMMENT.matcher(line).matches(), "comment line: " + line);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "sample line: " + line);
      samples.put(m.group(1), m.group(3));
    }
    return samples;
  }

  public static HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
