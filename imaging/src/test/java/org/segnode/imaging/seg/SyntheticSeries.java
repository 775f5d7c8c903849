package org.segnode.imaging.seg;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.List;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.SourceSlice;
import org.segnode.imaging.dicom.StableUids;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;

/** A source series held in memory only, for SEG tests that need no pixels on disk. */
final class SyntheticSeries {
  static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

  private SyntheticSeries() {}

  static DicomSeries of(Grid grid, String seed) {
    AttributeList header = new AttributeList();
    Attrs.putString(header, TagFromName.PatientName, "Synthetic^Patient");
    Attrs.putString(header, TagFromName.PatientID, "SYN-" + seed);
    Attrs.putString(header, TagFromName.StudyInstanceUID, StableUids.of(seed, "study"));
    Attrs.putString(header, TagFromName.SeriesInstanceUID, StableUids.of(seed, "series"));
    Attrs.putString(header, TagFromName.FrameOfReferenceUID, StableUids.of(seed, "for"));
    Attrs.putString(header, TagFromName.Modality, "MR");
    List<SourceSlice> slices = new ArrayList<>();
    for (int k = 0; k < grid.nz(); k++) {
      slices.add(new SourceSlice(MR_IMAGE_STORAGE, StableUids.of(seed, "sop" + k), 0, null));
    }
    return new DicomSeries(new ImageVolume(grid, new float[grid.voxelCount()]), slices, header, 0);
  }
}
