package org.segnode.node.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads key and trust material: the node's key and certificate chain from a PKCS12 file, the CAs to
 * trust from a PKCS12 file or a PEM file of certificates (as dcmtk uses). Every failure is a {@link
 * TlsException} saying what was expected and what was found.
 */
public final class TlsMaterial {
  private TlsMaterial() {}

  /** A problem with a key or trust store, phrased to follow "expected ...". */
  public static final class TlsException extends Exception {
    private final String expected;
    private final String found;

    TlsException(String expected, String found) {
      super("expected " + expected + ", found " + found);
      this.expected = expected;
      this.found = found;
    }

    public String expected() {
      return expected;
    }

    public String found() {
      return found;
    }
  }

  public static KeyManager[] keyManagers(Path file, char[] password) throws TlsException {
    KeyStore store = pkcs12(file, password);
    try {
      if (Collections.list(store.aliases()).stream().noneMatch(a -> isKey(store, a))) {
        throw new TlsException(
            "a private key with its certificate in " + file, "only certificates");
      }
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    } catch (UnrecoverableKeyException e) {
      throw new TlsException(
          "the private key in " + file + " protected by the keystore password",
          "a different key password");
    } catch (GeneralSecurityException e) {
      throw new TlsException("a usable private key in " + file, e.getMessage());
    }
  }

  public static TrustManager[] trustManagers(Path file, char[] password) throws TlsException {
    KeyStore store = isPem(file) ? pem(file) : pkcs12(file, password);
    try {
      if (store.size() == 0) {
        throw new TlsException("one or more CA certificates in " + file, "none");
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new TlsException("usable CA certificates in " + file, e.getMessage());
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean isPem(Path file) throws TlsException {
    try (InputStream in = Files.newInputStream(requireFile(file))) {
      return new String(in.readNBytes(64), java.nio.charset.StandardCharsets.US_ASCII)
          .contains("-----BEGIN");
    } catch (IOException e) {
      throw new TlsException("a readable file at " + file, e.getMessage());
    }
  }

  private static KeyStore pkcs12(Path file, char[] password) throws TlsException {
    try (InputStream in = Files.newInputStream(requireFile(file))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TlsException("the password of " + file, "one the keystore rejects");
      }
      throw new TlsException("a PKCS12 keystore at " + file, oneLine(e));
    } catch (GeneralSecurityException e) {
      throw new TlsException("a PKCS12 keystore at " + file, oneLine(e));
    }
  }

  private static KeyStore pem(Path file) throws TlsException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, cert);
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsException("PEM certificates in " + file, oneLine(e));
    }
  }

  private static Path requireFile(Path file) throws TlsException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new TlsException("a readable file at " + file, "none");
    }
    return file;
  }

  private static String oneLine(Exception e) {
    return String.valueOf(e.getMessage()).replace('\n', ' ').trim();
  }
}
