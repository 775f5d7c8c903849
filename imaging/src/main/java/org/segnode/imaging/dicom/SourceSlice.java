package org.segnode.imaging.dicom;

import java.nio.file.Path;

/**
 * Where one slice of a {@link DicomSeries} came from: the instance and, for multi-frame objects,
 * the 1-based frame number (0 for single-frame instances).
 */
public record SourceSlice(String sopClassUid, String sopInstanceUid, int frameNumber, Path file) {}
