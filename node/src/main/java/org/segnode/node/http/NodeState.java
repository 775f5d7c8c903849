package org.segnode.node.http;

/** What the HTTP endpoints read from the running node at request time. */
public interface NodeState {
  /** Null when the node is ready to receive and process, else why not, on one line. */
  String notReadyReason();

  /** Segment jobs QUEUED or RUNNING plus exports PENDING. */
  long queueDepth() throws Exception;

  /** Usable bytes on the spool's file system. */
  long spoolFreeBytes() throws Exception;
}
