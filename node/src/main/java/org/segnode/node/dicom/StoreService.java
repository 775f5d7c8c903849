package org.segnode.node.dicom;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.segnode.node.db.NodeDatabase;
import org.segnode.node.db.StoredInstance;
import org.segnode.node.http.NodeMetrics;
import org.segnode.node.series.SeriesTracker;
import org.segnode.node.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps received instances: spool file, database record and series run, in that order, so that a
 * Success response is only ever sent for an instance that is on disk and recorded. Shared by all
 * associations; work on one SOP Instance UID is serialised so a duplicate is stored once.
 */
public final class StoreService {
  private static final Logger LOG = LoggerFactory.getLogger(StoreService.class);
  private static final int STRIPES = 64;

  /** What became of one C-STORE. {@code seriesUid} is null when it was refused. */
  record Outcome(DimseStatus.Response response, String seriesUid, boolean duplicate) {}

  private final Spool spool;
  private final NodeDatabase db;
  private final SeriesTracker tracker;
  private final Set<String> sopClasses;
  private final String aeTitle;
  private final Clock clock;
  private final Object[] stripes = new Object[STRIPES];
  private final NodeMetrics metrics;

  /** With metrics nobody reads (tests). */
  public StoreService(
      Spool spool,
      NodeDatabase db,
      SeriesTracker tracker,
      Set<String> sopClasses,
      String aeTitle,
      Clock clock) {
    this(spool, db, tracker, sopClasses, aeTitle, clock, new NodeMetrics());
  }

  public StoreService(
      Spool spool,
      NodeDatabase db,
      SeriesTracker tracker,
      Set<String> sopClasses,
      String aeTitle,
      Clock clock,
      NodeMetrics metrics) {
    this.metrics = metrics;
    this.spool = spool;
    this.db = db;
    this.tracker = tracker;
    this.sopClasses = Set.copyOf(sopClasses);
    this.aeTitle = aeTitle;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  Set<String> sopClasses() {
    return sopClasses;
  }

  /**
   * Starts receiving one instance. Never throws: a request refused before its data arrive (SOP
   * class, spool space) yields an operation that discards the data and answers the refusal.
   */
  StoreOperation begin(StoreRequest request) {
    Spool.Incoming file = null;
    try {
      requireSupported(request);
      spool.requireSpace();
      file = spool.begin();
      byte[] meta = fileMetaInformation(request);
      file.write(meta, 0, meta.length);
      return new StoreOperation(request, this, file, null);
    } catch (Exception e) {
      if (file != null) {
        file.discard();
      }
      return new StoreOperation(request, this, null, e);
    }
  }

  private void requireSupported(StoreRequest request) throws StoreRefusedException {
    String sopClass = request.sopClassUid();
    if (!sopClasses.contains(sopClass) || !sopClass.equals(request.contextSopClassUid())) {
      throw new StoreRefusedException(
          DimseStatus.SOP_CLASS_NOT_SUPPORTED, "SOP class not accepted: " + sopClass);
    }
  }

  /** The Part 10 preamble and meta information; the data set bytes follow as received. */
  private byte[] fileMetaInformation(StoreRequest request) throws IOException, DicomException {
    FileMetaInformation meta =
        new FileMetaInformation(
            request.sopClassUid(), request.sopInstanceUid(), request.transferSyntaxUid(), aeTitle);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    DicomOutputStream out =
        new DicomOutputStream(bytes, TransferSyntax.ExplicitVRLittleEndian, null);
    meta.getAttributeList().write(out);
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * Checks, forces, renames and records a fully received instance, in that order: a record is only
   * written once its file and folder entry are on disk.
   */
  Outcome commit(StoreRequest request, Spool.Incoming file) throws Exception {
    InstanceCheck.Identity id = InstanceCheck.check(file.path(), request, sopClasses);
    MDC.put("series", id.seriesUid());
    if (db.hasInstance(id.sopInstanceUid())) {
      return duplicate(file, id);
    }
    file.finish();
    synchronized (stripes[Math.floorMod(id.sopInstanceUid().hashCode(), STRIPES)]) {
      if (db.hasInstance(id.sopInstanceUid())) {
        return duplicate(file, id);
      }
      Path path = spool.commit(file, id.studyUid(), id.seriesUid(), id.sopInstanceUid());
      try {
        record(request, id, path);
      } catch (SQLException e) {
        if (NodeDatabase.isDuplicate(e)) {
          // Another node sharing the database and spool recorded it between the check and here;
          // its row names this same path, so the file stays.
          metrics.instanceDuplicate();
          LOG.info("duplicate instance {} recorded by another node", id.sopInstanceUid());
          return new Outcome(DimseStatus.Response.OK, id.seriesUid(), true);
        }
        Files.deleteIfExists(path); // unrecorded means not acknowledged: the retry starts clean
        throw e;
      } catch (RuntimeException e) {
        Files.deleteIfExists(path);
        throw e;
      }
    }
    metrics.instanceReceived();
    return new Outcome(DimseStatus.Response.OK, id.seriesUid(), false);
  }

  private void record(StoreRequest request, InstanceCheck.Identity id, Path path)
      throws SQLException, IOException {
    record(
        tracker, db, id, request.transferSyntaxUid(), path, request.callingAe(), clock.instant());
  }

  /**
   * Records a durable spool file as an instance of its series' open run (opening one if needed),
   * under the tracker's lock: on receipt and when start-up recovery finds a file without record.
   */
  static void record(
      SeriesTracker tracker,
      NodeDatabase db,
      InstanceCheck.Identity id,
      String transferSyntaxUid,
      Path path,
      String callingAe,
      Instant at)
      throws SQLException, IOException {
    long size = Files.size(path);
    tracker.instanceStored(
        id.seriesUid(),
        id.studyUid(),
        run ->
            db.insertInstance(
                new StoredInstance(
                    id.sopInstanceUid(),
                    id.sopClassUid(),
                    transferSyntaxUid,
                    id.studyUid(),
                    id.seriesUid(),
                    run,
                    path,
                    size,
                    callingAe,
                    at)));
  }

  private Outcome duplicate(Spool.Incoming file, InstanceCheck.Identity id) {
    file.discard();
    metrics.instanceDuplicate();
    LOG.info("duplicate instance {} acknowledged, already stored", id.sopInstanceUid());
    return new Outcome(DimseStatus.Response.OK, id.seriesUid(), true);
  }

  /** Logs and records a refusal; a failing database only loses the record, not the answer. */
  void refused(StoreRequest request, DimseStatus.Response response, Exception cause) {
    metrics.instanceRefused();
    // The whole reason, not the Error Comment: that one is cut to 64 characters for the wire.
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    LOG.warn(
        "refused instance {}: status 0x{}: {}",
        request.sopInstanceUid(),
        String.format("%04X", response.status()),
        reason);
    LOG.debug("refusal cause", cause);
    try {
      db.insertRefusal(
          request.callingAe(),
          request.sopClassUid(),
          request.sopInstanceUid(),
          response.status(),
          reason);
    } catch (SQLException e) {
      LOG.error("cannot record refusal of {}: {}", request.sopInstanceUid(), e.toString());
    }
  }
}
