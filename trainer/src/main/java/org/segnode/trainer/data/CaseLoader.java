package org.segnode.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import org.segnode.imaging.dicom.DicomReadException;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.labels.LabelResampler;
import org.segnode.imaging.labels.LabelSources;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.seg.SegReadException;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Loads a case's image and brings its labels onto the image's grid, whatever their form: NIfTI
 * image + NIfTI labels, or a DICOM series + NIfTI labels (3D Slicer), PNG masks (CHAOS) or a SEG.
 */
public final class CaseLoader {
  private CaseLoader() {}

  /** An image with labels on its grid. */
  public record LoadedCase(CaseSpec spec, ImageVolume image, LabelVolume labels) {}

  public static LoadedCase load(CaseSpec spec) throws IOException {
    try {
      if (Files.isDirectory(spec.image())) {
        DicomSeries series = new DicomSeriesReader().read(spec.image());
        return new LoadedCase(spec, series.volume(), LabelSources.load(spec.labels(), series, 1));
      }
      ImageVolume image = NiftiReader.readImage(spec.image());
      LabelVolume labels =
          LabelResampler.toGrid(NiftiReader.readLabels(spec.labels()), image.grid());
      return new LoadedCase(spec, image, labels);
    } catch (DicomReadException | SegReadException e) {
      throw new IOException("case " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  /** Keeps labels 1..maxLabel and turns every other value into background. */
  public static LabelVolume keepLabels(LabelVolume labels, int maxLabel) {
    byte[] out = labels.labels().clone();
    for (int v = 0; v < out.length; v++) {
      if ((out[v] & 0xff) > maxLabel) {
        out[v] = 0;
      }
    }
    return new LabelVolume(labels.grid(), out);
  }
}
