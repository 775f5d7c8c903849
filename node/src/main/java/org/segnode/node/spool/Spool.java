package org.segnode.node.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The received-instance store: {@code <root>/<study UID>/<series UID>/<SOP instance UID>.dcm}. An
 * instance is written to {@code <root>/.incoming/*.part}, forced to disk, renamed atomically into
 * place and its folder forced, so a file under its final name is always complete and survives a
 * crash or power loss. Temporary files of a crashed run are removed by {@link #open}.
 */
public final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

  /** Names come from UIDs sent by peers: only UID characters, so no path can escape the spool. */
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

  private final Path root;
  private final Path incoming;
  private final long minFreeBytes;
  private final SpoolOutput.Opener opener;

  /** Looked up once: finding a path's file store reads the mount table every time. */
  private FileStore store;

  /**
   * Series folders known to exist with their entries up to the spool root forced. The purge job (or
   * another node sharing the spool) may remove one: {@link #commit} then creates it again.
   */
  private final Set<Path> knownFolders = ConcurrentHashMap.newKeySet();

  /** Temporary names: unique per process by the counter, across processes by the prefix. */
  private final String tempPrefix = UUID.randomUUID().toString();

  private final AtomicLong tempCounter = new AtomicLong();

  private Spool(Path root, long minFreeBytes, SpoolOutput.Opener opener) {
    this.root = root;
    this.incoming = root.resolve(".incoming");
    this.minFreeBytes = minFreeBytes;
    this.opener = opener;
  }

  /** Creates the folders if needed and deletes temporary files left by an earlier run. */
  public static Spool open(Path root, long minFreeBytes, SpoolOutput.Opener opener)
      throws IOException {
    Spool spool = new Spool(root.toAbsolutePath().normalize(), minFreeBytes, opener);
    Files.createDirectories(spool.incoming);
    spool.store = Files.getFileStore(spool.root);
    int removed = 0;
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(spool.incoming, "*.part")) {
      for (Path file : stale) {
        Files.deleteIfExists(file);
        removed++;
      }
    }
    if (removed > 0) {
      LOG.info("removed {} unfinished temporary file(s) from {}", removed, spool.incoming);
    }
    return spool;
  }

  public Path root() {
    return root;
  }

  /** Where an instance lives once committed. */
  public Path pathOf(String studyUid, String seriesUid, String sopInstanceUid) {
    requireUid("Study Instance UID", studyUid);
    requireUid("Series Instance UID", seriesUid);
    requireUid("SOP Instance UID", sopInstanceUid);
    return root.resolve(studyUid).resolve(seriesUid).resolve(sopInstanceUid + ".dcm");
  }

  /** A well-formed UID (digits and dots, at most 64 characters), wherever the node takes one. */
  public static boolean isUid(String value) {
    return value != null && value.length() <= 64 && UID.matcher(value).matches();
  }

  private static void requireUid(String what, String value) {
    if (!isUid(value)) {
      throw new IllegalArgumentException(what + ": expected a UID, found '" + value + "'");
    }
  }

  /** Fails with {@link SpoolFullException} when writing would go below the watermark. */
  public void requireSpace() throws IOException {
    long usable = store.getUsableSpace();
    if (usable < minFreeBytes) {
      throw new SpoolFullException(usable, minFreeBytes);
    }
  }

  /** Starts a temporary file for one instance. */
  public Incoming begin() throws IOException {
    Path temp = incoming.resolve(tempPrefix + "-" + tempCounter.incrementAndGet() + ".part");
    return new Incoming(temp, opener.open(temp));
  }

  /**
   * Moves a forced temporary file to its final name (replacing an equal earlier copy whose record
   * was lost) and forces the folders whose entries changed.
   */
  public Path commit(Incoming file, String studyUid, String seriesUid, String sopUid)
      throws IOException {
    Path target = pathOf(studyUid, seriesUid, sopUid);
    Path seriesDir = target.getParent();
    if (!knownFolders.contains(seriesDir)) {
      createFolder(seriesDir);
    }
    try {
      Files.move(file.path(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException folderPurged) {
      knownFolders.remove(seriesDir);
      createFolder(seriesDir);
      Files.move(file.path(), target, StandardCopyOption.ATOMIC_MOVE);
    }
    forceDirectory(seriesDir);
    return target;
  }

  /**
   * Creates a series folder (and its study folder) and forces the entries made. Serialised, so an
   * association that finds the folder known can rely on its entries being on disk already.
   */
  private synchronized void createFolder(Path seriesDir) throws IOException {
    if (knownFolders.contains(seriesDir)) {
      return;
    }
    Path studyDir = seriesDir.getParent();
    boolean newStudy = !Files.isDirectory(studyDir);
    boolean newSeries = !Files.isDirectory(seriesDir);
    Files.createDirectories(seriesDir);
    if (newSeries) {
      forceDirectory(studyDir);
    }
    if (newStudy) {
      forceDirectory(root);
    }
    knownFolders.add(seriesDir);
  }

  /** On Linux a folder opened for reading can be forced, making renames in it durable. */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** A temporary file being written; {@link #discard} removes it whatever state it is in. */
  public static final class Incoming {
    private final Path path;
    private final SpoolOutput out;
    private boolean closed;

    private Incoming(Path path, SpoolOutput out) {
      this.path = path;
      this.out = out;
    }

    public Path path() {
      return path;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    /** Forces the content to disk and closes the file. */
    public void finish() throws IOException {
      out.force();
      close();
    }

    private void close() throws IOException {
      if (!closed) {
        closed = true;
        out.close();
      }
    }

    public void discard() {
      try {
        close();
      } catch (IOException e) {
        LOG.debug("closing {} before deleting it failed", path, e);
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete temporary file " + path, e);
      }
    }
  }
}
