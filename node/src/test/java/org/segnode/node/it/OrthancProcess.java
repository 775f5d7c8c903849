package org.segnode.node.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.segnode.node.NodeFixture;

/**
 * Debian's Orthanc ({@code /usr/sbin/Orthanc}, package orthanc) as a hospital PACS for integration
 * tests: AE title {@value #AE}, storage and index in its own folder, log in {@code orthanc.log}
 * there, and one DICOM modality "aiworker" that a Lua {@code OnStableSeries} script sends every
 * stable MR series to, as a hospital routes series to an AI node. It accepts C-STORE from any
 * calling AE (Orthanc's default {@code DicomAlwaysAllowStore}).
 *
 * <p>Orthanc 1.10 cannot bind to loopback only: while a test runs, its DICOM and HTTP ports (free
 * ones, chosen at start) listen on all interfaces. The HTTP API refuses non-local clients ({@code
 * RemoteAccessAllowed} false) but DICOM does not.
 */
public final class OrthancProcess implements AutoCloseable {
  public static final String AE = "PACS";
  private static final String BINARY = "/usr/sbin/Orthanc";
  private static final long READY_MS = 30_000;
  private static final long STOP_SECONDS = 20;
  private static final Pattern ID = Pattern.compile("\"([0-9a-f]{8}(?:-[0-9a-f]{8}){4})\"");

  public final Path dir;
  public final int dicomPort;
  public final int httpPort;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private OrthancProcess(Path dir, int dicomPort, int httpPort, Process process) {
    this.dir = dir;
    this.dicomPort = dicomPort;
    this.httpPort = httpPort;
    this.process = process;
  }

  /**
   * Writes the configuration, starts Orthanc (TCP_NODELAY=1) with DICOM on {@code dicomPort} and
   * waits (bounded) until GET /system answers. The caller picks the DICOM port so that the worker
   * can be configured with it first. A series counts as stable {@code stableAgeSeconds} after its
   * last instance; stable MR series go to {@code workerAe} on 127.0.0.1:{@code workerPort}.
   */
  public static OrthancProcess start(
      Path dir, int dicomPort, String workerAe, int workerPort, int stableAgeSeconds)
      throws Exception {
    int httpPort = NodeFixture.freePort();
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("route-mr.lua"), ROUTE_MR);
    Path config = dir.resolve("orthanc.json");
    Files.writeString(
        config, config(dir, dicomPort, httpPort, workerAe, workerPort, stableAgeSeconds));
    ProcessBuilder builder =
        new ProcessBuilder(BINARY, config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("orthanc.log").toFile());
    builder.environment().put("TCP_NODELAY", "1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          "expected " + BINARY + " (apt-get install orthanc), cannot run it", e);
    }
    OrthancProcess orthanc = new OrthancProcess(dir, dicomPort, httpPort, process);
    try {
      orthanc.awaitReady();
    } catch (Exception | AssertionError e) {
      orthanc.close();
      throw e;
    }
    return orthanc;
  }

  /**
   * Hospital-style auto-routing: each MR series, once stable, to the AI node as one job. Lua's
   * {@code SendToModality} takes instances only (given a series it fails with "Unable to read
   * attachment"), hence the REST call.
   */
  private static final String ROUTE_MR =
      """
      function OnStableSeries(seriesId, tags, metadata)
        if tags['Modality'] == 'MR' then
          RestApiPost('/modalities/aiworker/store',
            '{"Resources": ["' .. seriesId .. '"], "Asynchronous": true}')
        end
      end
      """;

  private static String config(
      Path dir, int dicomPort, int httpPort, String workerAe, int workerPort, int stableAge) {
    return """
        {
          "Name": "SegNode test PACS",
          "DicomAet": "%s",
          "DicomPort": %d,
          "HttpPort": %d,
          "RemoteAccessAllowed": false,
          "StorageDirectory": "%s",
          "IndexDirectory": "%s",
          "DicomModalities": { "aiworker": ["%s", "127.0.0.1", %d] },
          "StableAge": %d,
          "SaveJobs": false,
          "KeepAlive": false,
          "LuaScripts": ["%s"]
        }
        """
        .formatted(
            AE,
            dicomPort,
            httpPort,
            dir.resolve("db"),
            dir.resolve("db"),
            workerAe,
            workerPort,
            stableAge,
            dir.resolve("route-mr.lua"));
  }

  /** Bounded: polls GET /system every 200 ms for at most {@value #READY_MS} ms. */
  private void awaitReady() throws Exception {
    long deadline = System.currentTimeMillis() + READY_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "expected Orthanc running, found it exited " + process.exitValue() + "\n" + logTail());
      }
      try {
        if (request("GET", "/system", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep polling until the deadline
      }
      Thread.sleep(200);
    }
    throw new AssertionError("expected Orthanc ready within " + READY_MS + " ms\n" + logTail());
  }

  /** GET of a REST path; fails unless Orthanc answers 200. */
  public byte[] get(String path) throws Exception {
    return ok("GET", path, request("GET", path, null));
  }

  /** POST of a JSON body to a REST path; fails unless Orthanc answers 200. */
  public String post(String path, String json) throws Exception {
    return new String(ok("POST", path, request("POST", path, json)));
  }

  /** The Orthanc identifiers (study, series or instance) in a JSON answer such as /tools/find's. */
  public static List<String> ids(String json) {
    List<String> ids = new ArrayList<>();
    Matcher m = ID.matcher(json);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private HttpResponse<byte[]> request(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body)
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException closedUnderUs) {
      // Orthanc may close a connection just as the client reuses it ("header parser received no
      // bytes"); the tests send only reads (GET, /tools/find), so one more try is safe.
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  private static byte[] ok(String method, String path, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "expected 200 from Orthanc for "
              + method
              + " "
              + path
              + ", found "
              + response.statusCode()
              + ": "
              + new String(response.body()));
    }
    return response.body();
  }

  /** The last 40 lines of Orthanc's log. */
  public String logTail() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("orthanc.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** SIGTERM (Orthanc stops cleanly on it) and a bounded wait; SIGKILL if it does not stop. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    }
  }
}
