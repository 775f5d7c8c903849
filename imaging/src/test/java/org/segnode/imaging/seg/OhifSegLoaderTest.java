package org.segnode.imaging.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.segnode.imaging.SharedData;

/**
 * Proves the OHIF loader harness on SEGs written by other tools (dcmqi): the pixels OHIF paints on
 * each source image must be exactly those of the SEG's own frames, decoded here with PixelMed.
 */
class OhifSegLoaderTest {
  private static final String DCMQI = "seg-examples/dcmqi/";
  private static final String MIDDLE_SLICE_23X38X3 =
      "1.2.826.0.1.3680043.2.1125.1.87332118640148086231551956812617986";

  @Test
  void smallNonByteAlignedSegMatchesItsOwnFrames() throws Exception {
    Path seg = SharedData.path(DCMQI + "23x38x3/label_seg.dcm");
    OhifSegLoader.Result ohif = OhifSegLoader.load(seg, SharedData.path(DCMQI + "23x38x3/image"));

    assertEquals(Map.of(1, "Liver"), ohif.segments());
    assertEquals(3, ohif.pixels().size(), "source images with voxels");
    assertEquals(List.of(), ohif.warnings());
    assertSameAsFrames(seg, ohif);
  }

  @Test
  void liverSegMatchesItsOwnFrames() throws Exception {
    Path seg = SharedData.path(DCMQI + "liver_seg.dcm");
    OhifSegLoader.Result ohif = OhifSegLoader.load(seg, SharedData.path(DCMQI + "ct-3slice"));

    assertEquals(Map.of(1, "Liver"), ohif.segments());
    assertEquals(3, ohif.pixels().size(), "source images with voxels");
    assertTrue(ohif.totalVoxels() > 100_000, "liver voxels: " + ohif.totalVoxels());
    assertSameAsFrames(seg, ohif);
  }

  /** Overlapping segments make OHIF split them over label-map layers; both must come back whole. */
  @Test
  void overlappingSegmentsFromHighdicomKeepBothSegments() throws Exception {
    Path seg = SharedData.path("seg-examples/highdicom/seg_image_ct_binary_overlap.dcm");
    OhifSegLoader.Result ohif =
        OhifSegLoader.load(
            seg, SharedData.path("seg-examples/highdicom/source_ct2_pydicom_dicomdirtests"));

    assertEquals(Map.of(1, "first segment", 2, "second segment"), ohif.segments());
    BitSet shared = (BitSet) ohif.pixels().values().iterator().next().get(1).clone();
    shared.and(ohif.pixels().values().iterator().next().get(2));
    assertFalse(shared.isEmpty(), "this SEG's segments overlap; OHIF must keep the shared pixels");
    assertSameAsFrames(seg, ohif);
  }

  /** OHIF drops a frame whose source image is not loaded, with nothing but a logged warning. */
  @Test
  void frameWithoutItsSourceImageIsSkippedWithAWarning() {
    Path seg = SharedData.path(DCMQI + "23x38x3/label_seg.dcm");
    OhifSegLoader.Result ohif =
        OhifSegLoader.load(
            seg,
            SharedData.path(DCMQI + "23x38x3/image/IMG0001.dcm"),
            SharedData.path(DCMQI + "23x38x3/image/IMG0003.dcm"));

    assertFalse(ohif.pixels().containsKey(MIDDLE_SLICE_23X38X3));
    assertEquals(2, ohif.pixels().size(), "source images with voxels");
    assertTrue(
        ohif.warnings().stream().anyMatch(w -> w.contains("can't import frame")),
        "warnings: " + ohif.warnings());
  }

  @Test
  void parserRejectsOutputWithoutDoneLine() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> OhifSegLoader.parse(List.of("segment 1 Liver", "voxels 1.2.3 1 0:4")));
    assertTrue(e.getMessage().contains("done"), e.getMessage());
  }

  @Test
  void parserReadsRunsAndChecksTheTotal() {
    OhifSegLoader.Result result =
        OhifSegLoader.parse(List.of("segment 2 Left kidney", "voxels 1.2.3 2 0:2 10:3", "done 5"));

    assertEquals(Map.of(2, "Left kidney"), result.segments());
    BitSet expected = new BitSet();
    expected.set(0, 2);
    expected.set(10, 13);
    assertEquals(expected, result.pixels().get("1.2.3").get(2));
    assertThrows(
        AssertionError.class,
        () -> OhifSegLoader.parse(List.of("voxels 1.2.3 2 0:2 10:3", "done 6")));
  }

  private static void assertSameAsFrames(Path seg, OhifSegLoader.Result ohif) throws Exception {
    Map<String, Map<Integer, BitSet>> frames = decodeFrames(seg);
    assertTrue(ohif.totalVoxels() > 0, "OHIF painted no voxels");
    assertEquals(
        OhifSegLoader.counts(frames), ohif.counts(), "voxels per source image and segment");
    frames.forEach(
        (sop, bySegment) ->
            bySegment.forEach(
                (segment, expected) ->
                    assertSamePixels(sop, segment, expected, ohif.pixels().get(sop).get(segment))));
  }

  /** Reports where the pixels differ; a dump of two large BitSets would say nothing useful. */
  private static void assertSamePixels(String sop, int segment, BitSet expected, BitSet found) {
    BitSet differ = (BitSet) expected.clone();
    differ.xor(found);
    assertTrue(
        differ.isEmpty(),
        () ->
            "image "
                + sop
                + " segment "
                + segment
                + ": "
                + differ.cardinality()
                + " pixels differ from the SEG frame, first at index "
                + differ.nextSetBit(0)
                + " (expected set: "
                + expected.get(differ.nextSetBit(0))
                + ")");
  }

  /**
   * Decodes a BINARY SEG without OHIF: frame f, pixel i is bit f * rows * columns + i of Pixel
   * Data, least significant bit first, packed continuously across frames. Each frame belongs to its
   * per-frame source image and segment. Empty frames and images are left out, as OHIF does.
   */
  private static Map<String, Map<Integer, BitSet>> decodeFrames(Path seg)
      throws IOException, DicomException {
    AttributeList list = new AttributeList();
    list.read(seg.toFile());
    int pixelsPerFrame =
        Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0)
            * Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
    byte[] packed = pixelBytes(list.get(TagFromName.PixelData));
    SequenceAttribute perFrame =
        (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
    long bitsNeeded = (long) perFrame.getNumberOfItems() * pixelsPerFrame;
    assertTrue(
        packed.length * 8L >= bitsNeeded,
        "expected Pixel Data of at least "
            + (bitsNeeded + 7) / 8
            + " bytes, found "
            + packed.length);
    Map<String, Map<Integer, BitSet>> result = new TreeMap<>();
    for (int f = 0; f < perFrame.getNumberOfItems(); f++) {
      BitSet frame = frameBits(packed, f, pixelsPerFrame);
      if (!frame.isEmpty()) {
        AttributeList item = perFrame.getItem(f).getAttributeList();
        result
            .computeIfAbsent(sourceSop(item), k -> new TreeMap<>())
            .merge(segmentNumber(item), frame, OhifSegLoaderTest::union);
      }
    }
    return result;
  }

  private static BitSet union(BitSet a, BitSet b) {
    BitSet u = (BitSet) a.clone();
    u.or(b);
    return u;
  }

  private static byte[] pixelBytes(Attribute pixelData) throws DicomException {
    return pixelData instanceof OtherWordAttribute ow
        ? ow.getByteValues(false)
        : pixelData.getByteValues();
  }

  private static BitSet frameBits(byte[] packed, int frame, int pixelsPerFrame) {
    BitSet bits = new BitSet(pixelsPerFrame);
    long first = (long) frame * pixelsPerFrame;
    for (int i = 0; i < pixelsPerFrame; i++) {
      long bit = first + i;
      if ((packed[(int) (bit >>> 3)] >>> (bit & 7) & 1) != 0) {
        bits.set(i);
      }
    }
    return bits;
  }

  private static String sourceSop(AttributeList perFrameItem) {
    AttributeList derivation = single(perFrameItem, TagFromName.DerivationImageSequence);
    AttributeList source = single(derivation, TagFromName.SourceImageSequence);
    String sop =
        Attribute.getSingleStringValueOrEmptyString(source, TagFromName.ReferencedSOPInstanceUID);
    assertFalse(sop.isEmpty(), "frame without a Referenced SOP Instance UID");
    return sop;
  }

  private static int segmentNumber(AttributeList perFrameItem) {
    AttributeList id = single(perFrameItem, TagFromName.SegmentIdentificationSequence);
    return Attribute.getSingleIntegerValueOrDefault(id, TagFromName.ReferencedSegmentNumber, -1);
  }

  private static AttributeList single(AttributeList list, AttributeTag sequence) {
    AttributeList item =
        SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(list, sequence);
    assertTrue(item != null, "expected one item in " + sequence + ", found none");
    return item;
  }
}
