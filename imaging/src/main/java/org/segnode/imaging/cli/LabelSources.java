package org.segnode.imaging.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.SourceSlice;
import org.segnode.imaging.labels.LabelResampler;
import org.segnode.imaging.labels.PngMaskFolder;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.seg.SegRasterizer;
import org.segnode.imaging.seg.SegReadException;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.volume.LabelVolume;

/** Loads labels from a NIfTI file, a CHAOS-style PNG folder or a SEG onto a source series. */
final class LabelSources {
  private LabelSources() {}

  static LabelVolume load(Path labels, DicomSeries source, int pngLabel)
      throws IOException, SegReadException {
    String name = labels.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (Files.isDirectory(labels)) {
      return PngMaskFolder.read(labels, source.volume().grid(), pngLabel, sliceOfFile(source));
    }
    if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
      return LabelResampler.toGrid(NiftiReader.readLabels(labels), source.volume().grid());
    }
    return SegRasterizer.onto(SegReader.read(labels), source.volume().grid(), source.slices())
        .labels();
  }

  /**
   * For the n-th source file in name order, the volume slice it became: CHAOS pairs its n-th PNG
   * with the n-th DICOM file by name, while volumes are ordered by position.
   */
  static int[] sliceOfFile(DicomSeries source) {
    List<SourceSlice> slices = source.slices();
    List<SourceSlice> byName =
        slices.stream()
            .sorted(Comparator.comparing((SourceSlice s) -> s.file().getFileName().toString())
                .thenComparingInt(SourceSlice::frameNumber))
            .toList();
    return byName.stream().mapToInt(slices::indexOf).toArray();
  }
}
