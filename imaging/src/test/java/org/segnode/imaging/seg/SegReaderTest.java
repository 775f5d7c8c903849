package org.segnode.imaging.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.volume.LabelVolume;

class SegReaderTest {

  /** Every SEG the data set's manifest lists (its seg_type column is filled for SEG objects). */
  static Stream<Path> everySegExample() throws IOException {
    Path root = SharedData.path("seg-examples");
    List<String> rows = Files.readAllLines(root.resolve("MANIFEST.tsv"));
    int typeColumn = List.of(rows.get(0).split("\t")).indexOf("seg_type");
    List<Path> segs =
        rows.stream()
            .skip(1)
            .map(r -> r.split("\t"))
            .filter(c -> !c[typeColumn].equals("-"))
            .map(c -> root.resolve(c[0]))
            .toList();
    assertEquals(18, segs.size(), "SEG objects listed in seg-examples/MANIFEST.tsv");
    return segs.stream();
  }

  @ParameterizedTest
  @MethodSource("everySegExample")
  void readsEverySegWrittenByOtherTools(Path file) throws Exception {
    Segmentation seg = SegReader.read(file);
    SegRasterizer.Result result = SegRasterizer.onOwnGrid(seg);
    assertFalse(seg.segments().isEmpty(), "segments listed");
    assertTrue(result.labels().presentLabels().length > 0, "some voxels labelled in " + file);
  }

  /** pydicom re-encoded dcmqi's liver SEG in four transfer syntaxes; all must decode alike. */
  @ParameterizedTest
  @MethodSource("liverVariants")
  void decodesEveryTransferSyntaxOfTheSameLiverSegAlike(String variant) throws Exception {
    LabelVolume reference = ownLabels(SharedData.path("seg-examples/dcmqi/liver_seg.dcm"));
    LabelVolume other = ownLabels(SharedData.path("seg-examples/pydicom-data/" + variant));
    assertTrue(reference.count(1) > 1000, "reference has a liver");
    assertTrue(other.grid().sameAs(reference.grid(), 1e-3), "same grid");
    assertArrayEquals(reference.labels(), other.labels(), variant);
  }

  static Stream<String> liverVariants() {
    return Stream.of("liver_expb.dcm", "liver_deflate.dcm", "liver_rle.dcm", "liver_j2k.dcm");
  }

  @Test
  void thresholdsFractionalSegmentsAtOneHalf() throws Exception {
    LabelVolume binary =
        ownLabels(SharedData.path("seg-examples/highdicom/seg_image_ct_binary.dcm"));
    LabelVolume fractional =
        ownLabels(SharedData.path("seg-examples/highdicom/seg_image_ct_binary_fractional.dcm"));
    assertArrayEquals(binary.labels(), fractional.labels());
  }

  @Test
  void readsLabelmapSegmentNumbersFromPixelValues() throws Exception {
    Segmentation seg =
        SegReader.read(SharedData.path("seg-examples/dcmqi/sparse-labelmap-noppv.dcm"));
    assertEquals("LABELMAP", seg.type());
    LabelVolume labels = SegRasterizer.onOwnGrid(seg).labels();
    assertArrayEquals(new int[] {1}, labels.presentLabels());
  }

  @Test
  void countsVoxelsThatOverlappingSegmentsShare() throws Exception {
    Segmentation seg =
        SegReader.read(SharedData.path("seg-examples/highdicom/seg_image_ct_binary_overlap.dcm"));
    assertTrue(SegRasterizer.onOwnGrid(seg).overlappingVoxels() > 0);
  }

  @Test
  void refusesAnImageThatIsNotASegmentation() {
    Path ct = SharedData.path("seg-examples/highdicom/ct_image.dcm");
    SegReadException e = assertThrows(SegReadException.class, () -> SegReader.read(ct));
    assertTrue(e.getMessage().contains("expected a Segmentation"), e.getMessage());
  }

  @Test
  void refusesAFileThatIsNotDicom(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("seg.dcm"), "not a DICOM file at all");
    SegReadException e = assertThrows(SegReadException.class, () -> SegReader.read(text));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  private static LabelVolume ownLabels(Path file) throws SegReadException {
    return SegRasterizer.onOwnGrid(SegReader.read(file)).labels();
  }
}
