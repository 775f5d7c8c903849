package org.segnode.imaging.labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.seg.SegRasterizer;
import org.segnode.imaging.seg.SegReadException;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.volume.LabelVolume;

/** Loads labels from a NIfTI file, a CHAOS-style PNG folder or a SEG onto a source series. */
public final class LabelSources {
  private LabelSources() {}

  /**
   * Labels on {@code source}'s grid: a directory is a PNG folder (label {@code pngLabel}), a .nii
   * or .nii.gz file a label map resampled by nearest neighbour, anything else a SEG.
   */
  public static LabelVolume load(Path labels, DicomSeries source, int pngLabel)
      throws IOException, SegReadException {
    if (Files.isDirectory(labels)) {
      return PngMaskFolder.read(
          labels, source.volume().grid(), pngLabel, source.sliceOfFileInNameOrder());
    }
    if (NiftiReader.isNiftiName(labels)) {
      return LabelResampler.toGrid(NiftiReader.readLabels(labels), source.volume().grid());
    }
    return SegRasterizer.onto(SegReader.read(labels), source.volume().grid(), source.slices())
        .labels();
  }
}
