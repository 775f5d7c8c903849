package org.segnode.node.dicom;

/** A C-STORE-RQ as received: its command fields and the presentation context it came on. */
record StoreRequest(
    byte contextId,
    String contextSopClassUid,
    String transferSyntaxUid,
    String sopClassUid,
    String sopInstanceUid,
    int messageId,
    String callingAe) {}
