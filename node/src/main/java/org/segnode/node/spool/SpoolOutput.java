package org.segnode.node.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the bytes of one incoming instance go. A seam: tests open one that fails part-way like a
 * full disk; the node uses {@link #open}, a plain file channel.
 */
public interface SpoolOutput extends Closeable {
  void write(byte[] bytes, int offset, int length) throws IOException;

  /**
   * Forces the content to the device together with the metadata needed to read it back (its size
   * and blocks), as fdatasync does; times such as mtime may follow later.
   */
  void force() throws IOException;

  /** Opens how a spool opens its temporary files. */
  @FunctionalInterface
  interface Opener {
    SpoolOutput open(Path file) throws IOException;
  }

  /** A new file (it must not exist) written through a {@link FileChannel}. */
  static SpoolOutput open(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new SpoolOutput() {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }

      @Override
      public void force() throws IOException {
        channel.force(false);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
