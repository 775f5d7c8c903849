package org.segnode.node.dicom;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.series.SeriesTracker;
import org.segnode.node.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the instance records in line with the spool at start-up, before the SCP listens. The spool
 * is what was acknowledged: a file under its final name was forced, renamed and its folder forced
 * before Success. The database is not forced per commit (H2 writes each commit to its file but
 * leaves flushing to the OS), so a power loss can take the last records of acknowledged instances;
 * such files are recorded again here, into an open run of their series so they are segmented. The
 * node writes a record only after its file and folder entry are forced, so a record without its
 * file means the file was removed or lost outside the node; such records of runs still receiving
 * are removed, so the run's segment job does not fail on them (records of completed runs are left
 * to their jobs' own error handling).
 */
public final class SpoolRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);

  /** Stands in for the calling AE title, which a spool file does not keep. */
  static final String UNKNOWN_SENDER = "(recovered)";

  /** What one recovery did. */
  public record Result(int recorded, int removed, int unreadable) {}

  private SpoolRecovery() {}

  public static Result run(Spool spool, NodeDatabase db, SeriesTracker tracker)
      throws IOException, SQLException {
    int removed = removeRecordsWithoutFile(db);
    int recorded = 0;
    int unreadable = 0;
    for (Path seriesDir : seriesFolders(spool.root())) {
      Set<String> known = db.instanceUidsOfSeries(seriesDir.getFileName().toString());
      for (Path file : unrecorded(seriesDir, known)) {
        if (recordKept(spool, db, tracker, file)) {
          recorded++;
        } else {
          unreadable++;
        }
      }
    }
    if (removed + recorded + unreadable > 0) {
      LOG.warn(
          "spool recovery: {} file(s) without a record recorded, {} record(s) without a file"
              + " removed, {} unreadable file(s) left alone",
          recorded,
          removed,
          unreadable);
    }
    return new Result(recorded, removed, unreadable);
  }

  private static int removeRecordsWithoutFile(NodeDatabase db) throws SQLException {
    int removed = 0;
    for (Map.Entry<String, Path> entry : db.instancesOfOpenRuns().entrySet()) {
      if (!Files.exists(entry.getValue())) {
        LOG.debug("record of {} has no file {}", entry.getKey(), entry.getValue());
        db.deleteInstance(entry.getKey());
        removed++;
      }
    }
    return removed;
  }

  /** {@code <root>/<study UID>/<series UID>}; the temporary-file folder is not a UID. */
  private static List<Path> seriesFolders(Path root) throws IOException {
    List<Path> folders = new ArrayList<>();
    for (Path study : uidFolders(root)) {
      folders.addAll(uidFolders(study));
    }
    return folders;
  }

  private static List<Path> uidFolders(Path dir) throws IOException {
    List<Path> folders = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path entry : entries) {
        if (Spool.isUid(entry.getFileName().toString())) {
          folders.add(entry);
        }
      }
    }
    return folders;
  }

  private static List<Path> unrecorded(Path seriesDir, Set<String> known) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(seriesDir, "*.dcm")) {
      for (Path file : entries) {
        String name = file.getFileName().toString();
        if (!known.contains(name.substring(0, name.length() - ".dcm".length()))) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /** Records a file whose header names exactly the place it is kept at; false if it does not. */
  private static boolean recordKept(Spool spool, NodeDatabase db, SeriesTracker tracker, Path file)
      throws IOException, SQLException {
    InstanceCheck.Kept kept;
    try {
      kept = InstanceCheck.identifyKept(file);
    } catch (StoreRefusedException e) {
      LOG.warn("spool file {} left unrecorded: {}", file, e.getMessage());
      return false;
    }
    InstanceCheck.Identity id = kept.identity();
    Path expected = spool.pathOf(id.studyUid(), id.seriesUid(), id.sopInstanceUid());
    if (!expected.equals(file)) {
      LOG.warn("spool file {} left unrecorded: its header belongs at {}", file, expected);
      return false;
    }
    Instant written = Files.getLastModifiedTime(file).toInstant();
    StoreService.record(tracker, db, id, kept.transferSyntaxUid(), file, UNKNOWN_SENDER, written);
    return true;
  }
}
