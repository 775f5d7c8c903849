package org.segnode.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.postprocess.Postprocessing;
import org.segnode.imaging.preprocess.PreprocessingSpec;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;
import org.segnode.inference.model.ModelMetadata;
import org.segnode.inference.onnx.ModelException;
import org.segnode.inference.onnx.OnnxModel;

class SegmenterTest {
  private static final PreprocessingSpec SPEC = PreprocessingSpec.parse(TinyModel.SPEC);
  private static final String NATIVE_SIZE =
      "v1;intensity=zscore(p0.5,p99.5);spacing=native;size=native;pad=0";

  @TempDir Path dir;

  private SegmentationResult segment(TinyModel tiny, ImageVolume image, int batch)
      throws Exception {
    try (OnnxModel model = OnnxModel.load(tiny.write(dir.resolve("m.onnx")))) {
      return new Segmenter(model, batch).segment(image);
    }
  }

  @Test
  void labelsAreTheModelsKnownFunctionOnTheSourceGrid() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(20, 18, 5, 1.5, 1.5, 5), 1);
    SegmentationResult result = segment(TinyModel.threshold(TinyModel.SPEC), image, 4);
    LabelVolume expected = Volumes.expected(image, SPEC, 0);
    assertTrue(expected.count(1) > 100 && expected.count(0) > 100, "both classes present");
    assertEquals(image.grid(), result.labels().grid());
    assertArrayEquals(expected.labels(), result.labels().labels());
  }

  @Test
  void aRealChaosVolumeGivesTheKnownFunction() throws Exception {
    ImageVolume image = NiftiReader.readImage(SharedData.path("chaos-t2spir/2/image_2.nii.gz"));
    SegmentationResult result = segment(TinyModel.threshold(TinyModel.SPEC), image, 4);
    assertArrayEquals(Volumes.expected(image, SPEC, 0).labels(), result.labels().labels());
  }

  @Test
  void twoRunsAndAnyBatchSizeGiveTheSameLabels() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(24, 24, 7, 1, 1, 3), 2);
    TinyModel tiny = TinyModel.threshold(TinyModel.SPEC);
    SegmentationResult a = segment(tiny, image, 4);
    SegmentationResult b = segment(tiny, image, 4);
    SegmentationResult c = segment(tiny, image, 1);
    assertArrayEquals(a.labels().labels(), b.labels().labels());
    assertArrayEquals(a.labels().labels(), c.labels().labels());
    assertEquals(a.confidence(), b.confidence());
    assertEquals(a.volumesMl(), c.volumesMl());
  }

  @Test
  void aSliceSizeNotDivisibleIsPaddedAndCroppedBack() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(250, 250, 2, 1.5, 1.5, 5), 3);
    SegmentationResult result = segment(TinyModel.threshold(NATIVE_SIZE), image, 4);
    assertEquals(image.grid(), result.labels().grid());
    assertArrayEquals(Volumes.expected(image, SPEC, 0).labels(), result.labels().labels());
  }

  @Test
  void aFixedInputSizeIsFilledAndAFixedBatchCompleted() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(20, 20, 5, 1.5, 1.5, 5), 4);
    TinyModel tiny = TinyModel.threshold(NATIVE_SIZE);
    tiny.size = 32;
    tiny.batch = 2;
    SegmentationResult result = segment(tiny, image, 4);
    assertArrayEquals(Volumes.expected(image, SPEC, 0).labels(), result.labels().labels());
  }

  @Test
  void aSliceLargerThanAFixedInputIsRefused() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(40, 20, 2, 1.5, 1.5, 5), 5);
    TinyModel tiny = TinyModel.threshold(NATIVE_SIZE);
    tiny.size = 32;
    ModelException e = assertThrows(ModelException.class, () -> segment(tiny, image, 4));
    assertEquals(
        "model m.onnx: expected a preprocessed width of at most 32 (the model's fixed input"
            + " width), found 40; the spec's size step should crop to it",
        e.getMessage());
  }

  @Test
  void contextChannelsFollowTheInPlaneNormalOnARightHandedGrid() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(16, 16, 6, 1, 1, 4), 6);
    TinyModel tiny = TinyModel.threshold(TinyModel.metadata(TinyModel.SPEC, 1, List.of(1)));
    tiny.signalChannel = 2; // the neighbour one step along rowDir x colDir
    SegmentationResult result = segment(tiny, image, 4);
    assertArrayEquals(Volumes.expected(image, SPEC, +1).labels(), result.labels().labels());
  }

  @Test
  void contextChannelsFollowTheInPlaneNormalOnALeftHandedGrid() throws Exception {
    Grid leftHanded =
        new Grid(
            16,
            16,
            6,
            new double[] {0, 0, 0},
            new double[] {-1, 0, 0},
            new double[] {0, -1, 0},
            new double[] {0, 0, -1},
            1,
            1,
            4);
    ImageVolume image = Volumes.blob(leftHanded, 7);
    TinyModel tiny = TinyModel.threshold(TinyModel.metadata(TinyModel.SPEC, 1, List.of(1)));
    tiny.signalChannel = 2;
    SegmentationResult result = segment(tiny, image, 3);
    assertArrayEquals(Volumes.expected(image, SPEC, -1).labels(), result.labels().labels());
  }

  @Test
  void aChannelWithoutAModelLabelNeverWins() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(16, 16, 3, 1, 1, 4), 8);
    TinyModel tiny = TinyModel.threshold(TinyModel.metadata(TinyModel.SPEC, 0, List.of(1, 3)));
    // small gains: channel 2 must not push channels 0 and 1 both to a float 0 (a tie)
    tiny.gains = new float[] {-10, 10, 20, 0};
    tiny.biases = new float[] {0, 0, 0, -100};
    SegmentationResult result = segment(tiny, image, 4);
    assertArrayEquals(Volumes.expected(image, SPEC, 0).labels(), result.labels().labels());
  }

  @Test
  void volumesAndConfidenceDescribeTheLabels() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(20, 18, 5, 1.5, 1.5, 5), 9);
    SegmentationResult result = segment(TinyModel.threshold(TinyModel.SPEC), image, 4);
    LabelVolume labels = result.labels();
    assertEquals(List.of(1), List.copyOf(result.volumesMl().keySet()));
    assertEquals(labels.count(1) * image.grid().voxelVolumeMl(), result.volumesMl().get(1), 1e-9);
    assertTrue(result.confidence() > 0.5 && result.confidence() <= 1, "" + result.confidence());
    assertEquals(5, result.timings().slices());
    assertTrue(result.timings().inferenceMsPerSlice() > 0);
  }

  @Test
  void anEmptyResultHasNoConfidence() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(16, 16, 2, 1, 1, 4), 10);
    TinyModel tiny = TinyModel.threshold(TinyModel.SPEC);
    tiny.gains = new float[] {0, 0};
    tiny.biases = new float[] {5, 0};
    SegmentationResult result = segment(tiny, image, 4);
    assertEquals(0, result.labels().count(1));
    assertTrue(Double.isNaN(result.confidence()));
  }

  @Test
  void theModelsPostprocessingIsApplied() throws Exception {
    ImageVolume image = Volumes.blob(Grid.axial(20, 18, 5, 1.5, 1.5, 5), 11);
    TinyModel tiny =
        TinyModel.threshold(TinyModel.SPEC)
            .with(ModelMetadata.POSTPROCESSING, "v1;largest=on;min-island-ml=0;holes=off");
    LabelVolume raw = Volumes.expected(image, SPEC, 0);
    LabelVolume largest = segment(tiny, image, 4).labels();
    assertTrue(largest.count(1) < raw.count(1), "noise islands removed");
    Postprocessing keepLargest = Postprocessing.parse("v1;largest=on;min-island-ml=0;holes=off");
    assertArrayEquals(keepLargest.apply(raw).labels(), largest.labels());
  }
}
