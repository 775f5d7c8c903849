package org.segnode.node.config;

/** A DICOM node SEG results are sent to. */
public record Destination(String name, String aeTitle, String host, int port, boolean tls) {}
