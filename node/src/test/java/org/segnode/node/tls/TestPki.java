package org.segnode.node.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with openssl, offline, EC P-256 keys (quick to generate): a CA, the node's
 * key and certificate as PKCS12 ({@link #nodeP12}, password {@value #PASSWORD}) and as PEM, a peer
 * key and certificate in PEM for dcmtk, and a second, unrelated CA. Both leaf certificates name
 * 127.0.0.1 and localhost.
 */
public record TestPki(Path dir) {
  public static final String PASSWORD = "node-pass";

  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  public Path otherCaPem() {
    return dir.resolve("other-ca.pem");
  }

  public Path nodeP12() {
    return dir.resolve("node.p12");
  }

  public Path peerKey() {
    return dir.resolve("peer.key");
  }

  public Path peerPem() {
    return dir.resolve("peer.pem");
  }

  /** dcmtk's options for an authenticated TLS peer with the default (BCP 195) profile. */
  public List<String> dcmtkTls() {
    return List.of("+tls", peerKey().toString(), peerPem().toString(), "-pw", "+cf", "" + caPem());
  }

  public static TestPki create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    TestPki pki = new TestPki(dir);
    pki.ca("ca");
    pki.ca("other-ca");
    pki.leaf("node");
    pki.leaf("peer");
    pki.openssl(
        "pkcs12",
        "-export",
        "-inkey",
        "node.key",
        "-in",
        "node.pem",
        "-certfile",
        "ca.pem",
        "-passout",
        "pass:" + PASSWORD,
        "-out",
        "node.p12");
    return pki;
  }

  private void ca(String name) throws IOException, InterruptedException {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".pem",
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign");
  }

  private void leaf(String name) throws IOException, InterruptedException {
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=" + name);
    Files.writeString(
        dir.resolve(name + ".ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        name + ".pem",
        "-extfile",
        name + ".ext");
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("expected openssl " + args[0] + " to succeed, found: " + out);
    }
  }

  /** The {@code ae.properties} lines for a TLS Store SCP with this PKI. */
  public String aeLines(String clientAuth) {
    return "ae.tls=true\nae.tls.keystore="
        + nodeP12()
        + "\nae.tls.keystore-password="
        + PASSWORD
        + "\nae.tls.truststore="
        + caPem()
        + "\nae.tls.client-auth="
        + clientAuth
        + "\n";
  }
}
