package org.segnode.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.segnode.node.tls.DicomTls;
import org.segnode.node.tls.TlsMaterial;
import org.segnode.node.tls.TlsMaterial.TlsException;

/**
 * Reads the {@code ae.tls*} keys and loads the stores, so a missing file or a wrong password stops
 * the node at start-up with the key that is wrong rather than at the first connection.
 */
final class TlsSettingsLoader {
  private final Settings ae;
  private final Path base;

  TlsSettingsLoader(Settings ae, Path base) {
    this.ae = ae;
    this.base = base;
  }

  TlsSettings load(Collection<Destination> destinations) {
    boolean scp = ae.bool("ae.tls", false);
    Path keystore = path("ae.tls.keystore");
    Path truststore = path("ae.tls.truststore");
    DicomTls.ClientAuth auth = clientAuth();
    char[] keyPassword = keystorePassword();
    char[] trustPassword = ae.string("ae.tls.truststore-password", "").toCharArray();
    String scuUser =
        destinations.stream()
            .filter(Destination::tls)
            .map(Destination::name)
            .findFirst()
            .orElse(null);
    if (!scp && scuUser == null) {
      return new TlsSettings(false, keystore, truststore, auth, null);
    }
    if (scp && keystore == null) {
      ae.error("ae.tls.keystore", "a PKCS12 file with the node's key (ae.tls=true)", "none");
    }
    if (truststore == null && auth != DicomTls.ClientAuth.NONE) {
      ae.error(
          "ae.tls.truststore", "the CAs of client certificates (client-auth " + auth + ")", "none");
    }
    if (truststore == null && scuUser != null) {
      ae.error("ae.tls.truststore", "the CAs of destination " + scuUser + " (tls=true)", "none");
    }
    KeyManager[] keys = keystore == null ? null : keys(keystore, keyPassword);
    TrustManager[] trust = truststore == null ? null : trust(truststore, trustPassword);
    try {
      return new TlsSettings(scp, keystore, truststore, auth, DicomTls.create(keys, trust, auth));
    } catch (GeneralSecurityException e) {
      ae.error("ae.tls", "a TLS context the JDK can create", e.getMessage());
      return new TlsSettings(scp, keystore, truststore, auth, null);
    }
  }

  private Path path(String key) {
    String value = ae.string(key, null);
    return value == null ? null : base.resolve(value).toAbsolutePath().normalize();
  }

  private DicomTls.ClientAuth clientAuth() {
    String value = ae.string("ae.tls.client-auth", "none");
    try {
      return DicomTls.ClientAuth.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      ae.error("ae.tls.client-auth", "none, want or need", "'" + value + "'");
      return DicomTls.ClientAuth.NONE;
    }
  }

  /** The password itself, or a file holding it (e.g. a systemd credential); never both. */
  private char[] keystorePassword() {
    String inline = ae.string("ae.tls.keystore-password", null);
    Path file = path("ae.tls.keystore-password-file");
    if (inline != null && file != null) {
      ae.error(
          "ae.tls.keystore-password-file", "no file when ae.tls.keystore-password is set", "both");
    }
    if (file == null) {
      return inline == null ? new char[0] : inline.toCharArray();
    }
    try {
      return Files.readString(file).strip().toCharArray();
    } catch (IOException e) {
      ae.error("ae.tls.keystore-password-file", "a readable file", "none at " + file);
      return new char[0];
    }
  }

  private KeyManager[] keys(Path keystore, char[] password) {
    try {
      return TlsMaterial.keyManagers(keystore, password);
    } catch (TlsException e) {
      ae.error(keyOf(e, "ae.tls.keystore"), e.expected(), e.found());
      return null;
    }
  }

  private TrustManager[] trust(Path truststore, char[] password) {
    try {
      return TlsMaterial.trustManagers(truststore, password);
    } catch (TlsException e) {
      ae.error(keyOf(e, "ae.tls.truststore"), e.expected(), e.found());
      return null;
    }
  }

  /** A rejected password is the password key's fault, anything else the file's. */
  private static String keyOf(TlsException e, String fileKey) {
    return e.expected().startsWith("the password") || e.expected().contains("keystore password")
        ? fileKey + "-password"
        : fileKey;
  }
}
