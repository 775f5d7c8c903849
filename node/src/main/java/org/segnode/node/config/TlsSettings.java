package org.segnode.node.config;

import java.nio.file.Path;
import org.segnode.node.tls.DicomTls;

/**
 * DICOM TLS as configured in {@code ae-config/ae.properties}: {@code scp} when the Store SCP
 * listens with TLS; {@code context} built from the key and trust stores when the SCP or any
 * destination uses TLS, else null. Paths are null when not set. Passwords are not kept here.
 */
public record TlsSettings(
    boolean scp, Path keystore, Path truststore, DicomTls.ClientAuth clientAuth, DicomTls context) {
  public static final TlsSettings OFF =
      new TlsSettings(false, null, null, DicomTls.ClientAuth.NONE, null);
}
