package org.segnode.imaging.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

class SegWriterTest {
  @TempDir Path dir;

  private static final Grid OBLIQUE =
      new Grid(
          13,
          11,
          5,
          new double[] {-20.5, 31.25, 7},
          new double[] {0.96, 0.28, 0},
          new double[] {-0.28, 0.96, 0},
          new double[] {0, 0, 1},
          0.8,
          0.9,
          2.5);

  @Test
  void writerThenReaderGivesBackTheLabelVolume() throws Exception {
    LabelVolume labels = randomLabels(OBLIQUE, 4, 1);
    assertArrayEquals(labels.labels(), roundTrip(labels, segments(1, 2, 3, 4)).labels());
  }

  @Test
  void packsBitsAcrossFramesWhenAFrameIsNotAWholeNumberOfBytes() throws Exception {
    Grid grid = Grid.axial(510, 510, 3, 0.7, 0.7, 3);
    LabelVolume labels = randomLabels(grid, 1, 2);
    assertArrayEquals(labels.labels(), roundTrip(labels, segments(1)).labels());
  }

  @Test
  void writesEverySegmentForEverySliceEvenWhenEmpty() throws Exception {
    LabelVolume empty = LabelVolume.empty(OBLIQUE);
    AttributeList seg =
        SegWriter.build(SyntheticSeries.of(OBLIQUE, "e"), empty, segments(1, 4), options("e"));
    assertEquals(
        2 * OBLIQUE.nz(),
        Attribute.getSingleIntegerValueOrDefault(seg, TagFromName.NumberOfFrames, 0));
    assertArrayEquals(empty.labels(), roundTrip(empty, segments(1, 4)).labels());
  }

  @Test
  void sameSeedGivesTheSameUidsAndAnotherSeedOthers() {
    LabelVolume labels = randomLabels(OBLIQUE, 1, 3);
    DicomSeries source = SyntheticSeries.of(OBLIQUE, "s");
    AttributeList a = SegWriter.build(source, labels, segments(1), options("run-1"));
    AttributeList b = SegWriter.build(source, labels, segments(1), options("run-1"));
    AttributeList c = SegWriter.build(source, labels, segments(1), options("run-2"));
    assertEquals(uid(a, TagFromName.SOPInstanceUID), uid(b, TagFromName.SOPInstanceUID));
    assertEquals(uid(a, TagFromName.SeriesInstanceUID), uid(b, TagFromName.SeriesInstanceUID));
    assertNotEquals(uid(a, TagFromName.SOPInstanceUID), uid(c, TagFromName.SOPInstanceUID));
    assertEquals(
        uid(source.header(), TagFromName.StudyInstanceUID), uid(a, TagFromName.StudyInstanceUID));
  }

  @Test
  void refusesLabelsOnAnotherGrid() {
    LabelVolume shifted = LabelVolume.empty(Grid.axial(13, 11, 5, 0.8, 0.9, 2.5));
    DicomSeries source = SyntheticSeries.of(OBLIQUE, "g");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SegWriter.build(source, shifted, segments(1), options("g")));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().startsWith("labels expected on the source grid"), e.getMessage());
  }

  @Test
  void namesTheOrgansWithSnomedCodesInChaosOrder() {
    assertEquals(Code.sct("10200004", "Liver"), SegmentDefinition.forLabel(1).type());
    assertEquals(Code.sct("9846003", "Right kidney"), SegmentDefinition.forLabel(2).type());
    assertEquals(Code.sct("18639004", "Left kidney"), SegmentDefinition.forLabel(3).type());
    assertEquals(Code.sct("78961009", "Spleen"), SegmentDefinition.forLabel(4).type());
    assertEquals(SegmentDefinition.TISSUE, SegmentDefinition.forLabel(7).type());
  }

  private LabelVolume roundTrip(LabelVolume labels, List<SegmentDefinition> segments)
      throws Exception {
    DicomSeries source = SyntheticSeries.of(labels.grid(), "rt");
    Path file = dir.resolve("seg.dcm");
    SegWriter.write(source, labels, segments, options("rt"), file);
    Segmentation seg = SegReader.read(file);
    assertEquals(segments.size(), seg.segments().size());
    return SegRasterizer.onto(seg, labels.grid(), source.slices()).labels();
  }

  static List<SegmentDefinition> segments(int... labels) {
    return IntStream.of(labels).mapToObj(SegmentDefinition::forLabel).toList();
  }

  static SegOptions options(String seed) {
    return SegOptions.defaults(seed).withAlgorithm("test-model", "1.0");
  }

  private static String uid(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(list, tag);
  }

  static LabelVolume randomLabels(Grid grid, int maxLabel, long seed) {
    Random random = new Random(seed);
    LabelVolume labels = LabelVolume.empty(grid);
    for (int v = 0; v < grid.voxelCount(); v++) {
      labels.labels()[v] = (byte) (random.nextInt(3) == 0 ? 1 + random.nextInt(maxLabel) : 0);
    }
    return labels;
  }
}
