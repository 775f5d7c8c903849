package org.segnode.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.cli.SegNodeCli;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.labels.LabelResampler;
import org.segnode.imaging.metrics.MetricsCalculator;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.seg.Dciodvfy;
import org.segnode.imaging.seg.SegRasterizer;
import org.segnode.imaging.seg.SegReader;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.inference.onnx.OnnxModel;

/**
 * The model we ship, run the way the node runs it: a CHAOS MR patient the model never trained on
 * (validation patient 3), converted to DICOM with {@code dicom-from-nifti}, segmented by {@code
 * segnode segment} into a SEG that dciodvfy passes and whose liver matches the reference label.
 */
class ShippedModelTest {
  static final Path MODEL = Path.of("../models/liver-mr-t2/model.onnx");

  @TempDir Path dir;

  @Test
  void shippedModelCarriesValidMetadata() throws Exception {
    assertTrue(Files.isRegularFile(MODEL), "shipped model expected at " + MODEL.toAbsolutePath());
    try (OnnxModel model = OnnxModel.load(MODEL)) {
      assertEquals("liver-mr-t2", model.metadata().name());
      assertEquals(1, model.metadata().labels().size());
      assertEquals("10200004", model.metadata().labels().get(0).code().value());
    }
  }

  @Test
  void segmentsAConvertedChaosPatientIntoASegWithLiverDiceAtLeast085() throws Exception {
    Path series = dir.resolve("mr3");
    Path seg = dir.resolve("mr3-seg.dcm");
    assertEquals(
        0,
        SegNodeCli.commandLine()
            .execute(
                "dicom-from-nifti",
                "--image",
                SharedData.path("chaos-t2spir/3/image_3.nii.gz").toString(),
                "--out",
                series.toString()));
    assertEquals(
        0,
        SegNodeCli.commandLine()
            .execute(
                "segment",
                "--model",
                MODEL.toString(),
                "--input",
                series.toString(),
                "--out",
                seg.toString()));
    Dciodvfy.assertNoErrors(seg);
    DicomSeries source = new DicomSeriesReader().read(series);
    LabelVolume predicted =
        SegRasterizer.onto(SegReader.read(seg), source.volume().grid(), source.slices()).labels();
    LabelVolume reference =
        LabelResampler.toGrid(
            NiftiReader.readLabels(SharedData.path("chaos-t2spir/3/label_3.nii.gz")),
            source.volume().grid());
    double dice = MetricsCalculator.compute(predicted, reference, 1).dice();
    assertTrue(dice >= 0.85, "liver Dice of the shipped model on patient 3: " + dice);
  }
}
