package org.segnode.node;

import java.nio.file.Path;
import java.util.List;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.labels.LabelResampler;
import org.segnode.imaging.metrics.MetricsCalculator;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.seg.SegRasterizer;
import org.segnode.imaging.seg.Segmentation;
import org.segnode.imaging.volume.LabelVolume;

/**
 * A CHAOS MR T2-SPIR patient of the shared data as a scanner would send it (written as a DICOM MR
 * series), and the liver Dice of a SEG of that series against the patient's label.
 */
public final class ChaosPatient {
  private final int number;

  public ChaosPatient(int number) {
    this.number = number;
  }

  /**
   * Writes the patient's image as a DICOM series into {@code folder} with {@link #name()} and
   * {@link #id()} as Patient's Name and ID; UIDs follow {@code seed}.
   */
  public List<Path> writeSeries(Path folder, String seed) throws Exception {
    DicomSeriesWriter.Options defaults = DicomSeriesWriter.Options.withSeed(seed);
    return new DicomSeriesWriter()
        .write(
            NiftiReader.readImage(SharedData.path(file("image"))),
            folder,
            new DicomSeriesWriter.Options(
                name(), id(), defaults.studyDescription(), defaults.seriesDescription(), seed));
  }

  /** Patient's Name in the written series: distinctive, so a test can look for it in logs. */
  public String name() {
    return "TESTPATIENT^CHAOS" + number;
  }

  public String id() {
    return "MRN-CHAOS-" + number;
  }

  /** The SEG's liver (segment 1) placed on the source series. */
  public static LabelVolume labelsOf(Segmentation seg, DicomSeries source) throws Exception {
    return SegRasterizer.onto(seg, source.volume().grid(), source.slices()).labels();
  }

  /** Dice of label 1 (liver) of {@code predicted} against the patient's label, on its grid. */
  public double liverDice(LabelVolume predicted) throws Exception {
    LabelVolume reference =
        LabelResampler.toGrid(
            NiftiReader.readLabels(SharedData.path(file("label"))), predicted.grid());
    return MetricsCalculator.compute(predicted, reference, 1).dice();
  }

  private String file(String kind) {
    return "chaos-t2spir/" + number + "/" + kind + "_" + number + ".nii.gz";
  }
}
