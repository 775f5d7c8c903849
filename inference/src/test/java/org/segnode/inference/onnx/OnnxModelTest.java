package org.segnode.inference.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.inference.TinyModelAccess;
import org.segnode.inference.model.ModelMetadata;

class OnnxModelTest {
  @TempDir Path dir;

  @Test
  void loadsAValidModelWithItsMetadataAndSymbolicShape() throws Exception {
    Path file = TinyModelAccess.threshold(dir.resolve("m.onnx"));
    try (OnnxModel model = OnnxModel.load(file)) {
      assertEquals("tiny-threshold", model.metadata().name());
      assertEquals(2, model.metadata().classes());
      assertArrayEquals(new long[] {-1, 1, -1, -1}, model.inputShape());
    }
  }

  @Test
  void runReturnsSoftmaxProbabilitiesPerChannel() throws Exception {
    try (OnnxModel model = OnnxModel.load(TinyModelAccess.threshold(dir.resolve("m.onnx")))) {
      float[] x = {-0.002f, 0f, 0.001f, 2f};
      float[] p = model.run(x, 1, 2, 2);
      assertEquals(8, p.length);
      for (int s = 0; s < 4; s++) {
        double expected1 = 1 / (1 + Math.exp(-2 * 1000.0 * x[s]));
        assertEquals(expected1, p[4 + s], 1e-5, "class 1 at " + s);
        assertEquals(1.0, p[s] + p[4 + s], 1e-6);
      }
    }
  }

  @Test
  void aMissingMetadataKeyIsRefusedNamingFileKeyAndExpectation() throws Exception {
    Path file = TinyModelAccess.without(dir.resolve("m.onnx"), ModelMetadata.PREPROCESSING);
    ModelException e = assertThrows(ModelException.class, () -> OnnxModel.load(file));
    assertTrue(
        e.getMessage()
            .startsWith(
                "model m.onnx: metadata key 'segnode.preprocessing' missing (expected a"
                    + " preprocessing spec such as v1;intensity="),
        e.getMessage());
  }

  @Test
  void aMalformedMetadataValueIsRefused() throws Exception {
    Path file = TinyModelAccess.with(dir.resolve("m.onnx"), ModelMetadata.DIVISOR, "sixteen");
    ModelException e = assertThrows(ModelException.class, () -> OnnxModel.load(file));
    assertTrue(
        e.getMessage().startsWith("model m.onnx: metadata key 'segnode.divisor' malformed"),
        e.getMessage());
    assertTrue(e.getMessage().contains("found 'sixteen'"), e.getMessage());
  }

  @Test
  void aTruncatedModelIsRefusedWithOneLineNamingTheFile() throws Exception {
    Path whole = TinyModelAccess.threshold(dir.resolve("whole.onnx"));
    byte[] bytes = Files.readAllBytes(whole);
    Path half = Files.write(dir.resolve("half.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
    ModelException e = assertThrows(ModelException.class, () -> OnnxModel.load(half));
    assertTrue(
        e.getMessage().startsWith("model half.onnx: not a readable ONNX model (ONNX Runtime: "),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aFileThatIsNotOnnxIsRefused() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.onnx"), "this is not a model\n");
    ModelException e = assertThrows(ModelException.class, () -> OnnxModel.load(text));
    assertTrue(
        e.getMessage().startsWith("model notes.onnx: not a readable ONNX model"), e.getMessage());
  }

  @Test
  void aMissingFileIsRefused() {
    ModelException e =
        assertThrows(ModelException.class, () -> OnnxModel.load(dir.resolve("gone.onnx")));
    assertEquals("model gone.onnx: expected an ONNX model file, found none", e.getMessage());
  }

  @Test
  void moreLabelsThanOutputChannelsIsRefused() throws Exception {
    Path file =
        TinyModelAccess.with(
            dir.resolve("m.onnx"),
            ModelMetadata.LABELS,
            "1=10200004^SCT^Liver;2=9846003^SCT^Right kidney");
    ModelException e = assertThrows(ModelException.class, () -> OnnxModel.load(file));
    assertTrue(
        e.getMessage().contains("expected 3 output channels (1 + highest label)"), e.getMessage());
  }

  @Test
  void aContextTheInputCannotHoldIsRefused() throws Exception {
    Path file = TinyModelAccess.with(dir.resolve("m.onnx"), ModelMetadata.INPUT, "NCHW;context=1");
    ModelException e = assertThrows(ModelException.class, () -> OnnxModel.load(file));
    assertTrue(
        e.getMessage().contains("expected 3 input channels (1 + 2 * context 1), found"),
        e.getMessage());
  }

  @Test
  void logitsAreRefusedOnTheFirstRun() throws Exception {
    try (OnnxModel model = OnnxModel.load(TinyModelAccess.logits(dir.resolve("m.onnx")))) {
      ModelException e =
          assertThrows(ModelException.class, () -> model.run(new float[] {3f}, 1, 1, 1));
      assertTrue(
          e.getMessage().startsWith("model m.onnx: expected softmax probabilities"),
          e.getMessage());
      assertTrue(
          e.getMessage().endsWith("export the model with its final Softmax"), e.getMessage());
    }
  }

  @Test
  void cudaOnTheCpuBuildIsRefusedClearly() throws Exception {
    Path file = TinyModelAccess.threshold(dir.resolve("m.onnx"));
    List<String> providers =
        ai.onnxruntime.OrtEnvironment.getAvailableProviders().stream().map(Enum::name).toList();
    if (providers.contains("CUDA")) {
      try (OnnxModel model = OnnxModel.load(file, OnnxOptions.defaults().withCuda(0))) {
        assertEquals(2, model.run(new float[] {1f}, 1, 1, 1).length);
      }
      return;
    }
    ModelException e =
        assertThrows(
            ModelException.class, () -> OnnxModel.load(file, OnnxOptions.defaults().withCuda(0)));
    assertTrue(
        e.getMessage().startsWith("model m.onnx: CUDA device 0 requested but unavailable"),
        e.getMessage());
  }
}
