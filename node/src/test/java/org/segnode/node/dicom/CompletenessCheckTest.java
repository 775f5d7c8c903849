package org.segnode.node.dicom;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segnode.imaging.SharedData;

/** The walk over synthetic Part 10 files, then over the shared samples. */
class CompletenessCheckTest {
  private static final String EXPLICIT = TransferSyntaxes.EXPLICIT_VR_LE;
  private static final String IMPLICIT = TransferSyntaxes.IMPLICIT_VR_LE;
  private static final String DEFLATED = TransferSyntaxes.DEFLATED_EXPLICIT_VR_LE;
  private static final String JPEG_2000 = TransferSyntaxes.JPEG_2000_LOSSLESS;

  @TempDir Path dir;

  /** Little-endian element bytes, built one field at a time. */
  private static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes tag(int group, int element) {
      return u16(group).u16(element);
    }

    Bytes u16(int v) {
      out.write(v);
      out.write(v >>> 8);
      return this;
    }

    Bytes u32(long v) {
      return u16((int) v & 0xffff).u16((int) (v >>> 16));
    }

    Bytes ascii(String s) {
      out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Bytes zeros(int n) {
      out.writeBytes(new byte[n]);
      return this;
    }

    /** Explicit VR element with a 2-byte length. */
    Bytes shortElement(int group, int element, String vr, String value) {
      return tag(group, element).ascii(vr).u16(value.length()).ascii(value);
    }

    /** Explicit VR element with a 4-byte length field; the value is not written. */
    Bytes longHeader(int group, int element, String vr, long length) {
      return tag(group, element).ascii(vr).u16(0).u32(length);
    }

    byte[] toArray() {
      return out.toByteArray();
    }
  }

  private static final long UNDEFINED = 0xffffffffL;

  private static Bytes modality() {
    return new Bytes().shortElement(0x0008, 0x0060, "CS", "MR");
  }

  private Path file(String ts, byte[] dataSet) throws Exception {
    String uid = ts.length() % 2 == 0 ? ts : ts + "\0";
    byte[] meta = new Bytes().shortElement(0x0002, 0x0010, "UI", uid).toArray();
    Bytes all =
        new Bytes()
            .zeros(128)
            .ascii("DICM")
            .tag(0x0002, 0x0000)
            .ascii("UL")
            .u16(4)
            .u32(meta.length);
    Path file = Files.createTempFile(dir, "check", ".dcm");
    Files.write(file, concat(concat(all.toArray(), meta), dataSet));
    return file;
  }

  private String refusal(String ts, byte[] dataSet) throws Exception {
    Path file = file(ts, dataSet);
    StoreRefusedException e =
        assertThrows(
            StoreRefusedException.class, () -> CompletenessCheck.requireComplete(file, ts));
    assertEquals(DimseStatus.CANNOT_UNDERSTAND, e.status());
    return e.getMessage();
  }

  private void passes(String ts, byte[] dataSet) throws Exception {
    Path file = file(ts, dataSet);
    assertDoesNotThrow(() -> CompletenessCheck.requireComplete(file, ts));
  }

  @Test
  void definedLengthPixelDataThatFitsExactlyPasses() throws Exception {
    passes(EXPLICIT, modality().longHeader(0x7fe0, 0x0010, "OW", 8).zeros(8).toArray());
  }

  @Test
  void definedLengthPixelDataCutShortIsRefused() throws Exception {
    byte[] data = modality().longHeader(0x7fe0, 0x0010, "OW", 8).zeros(5).toArray();
    assertEquals(
        "truncated: Pixel Data (7FE0,0010) declares 8 bytes, 5 remain", refusal(EXPLICIT, data));
  }

  @Test
  void dataSetCutBeforePixelDataIsRefused() throws Exception {
    byte[] whole = modality().longHeader(0x7fe0, 0x0010, "OW", 8).zeros(8).toArray();
    assertEquals(
        "truncated: the data set ends inside the header of Pixel Data (7FE0,0010)",
        refusal(EXPLICIT, Arrays.copyOf(whole, 10 + 6)));
    assertEquals(
        "truncated: element (0008,0060) declares 2 bytes, 1 remain",
        refusal(EXPLICIT, Arrays.copyOf(whole, 9)));
    assertEquals(
        "truncated: the data set ends inside an element's tag",
        refusal(EXPLICIT, Arrays.copyOf(whole, 12)));
  }

  @Test
  void elementsAfterPixelDataAreWalkedToo() throws Exception {
    byte[] padded =
        modality()
            .longHeader(0x7fe0, 0x0010, "OW", 4)
            .zeros(4)
            .longHeader(0xfffc, 0xfffc, "OB", 6)
            .toArray();
    passes(EXPLICIT, concat(padded, new byte[6]));
    assertEquals(
        "truncated: element (FFFC,FFFC) declares 6 bytes, 2 remain",
        refusal(EXPLICIT, concat(padded, new byte[2])));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static Bytes encapsulated() {
    return modality()
        .longHeader(0x7fe0, 0x0010, "OB", UNDEFINED)
        .tag(0xfffe, 0xe000)
        .u32(0)
        .tag(0xfffe, 0xe000)
        .u32(6)
        .zeros(6);
  }

  @Test
  void encapsulatedPixelDataWithItsDelimiterPasses() throws Exception {
    passes(JPEG_2000, encapsulated().tag(0xfffe, 0xe0dd).u32(0).toArray());
  }

  @Test
  void encapsulatedPixelDataWithoutDelimiterIsRefused() throws Exception {
    assertEquals(
        "truncated: Pixel Data (7FE0,0010) ends after 2 items without a Sequence Delimitation"
            + " Item (FFFE,E0DD)",
        refusal(JPEG_2000, encapsulated().toArray()));
  }

  @Test
  void encapsulatedItemRunningPastTheEndIsRefused() throws Exception {
    byte[] data = encapsulated().tag(0xfffe, 0xe000).u32(100).zeros(30).toArray();
    assertEquals(
        "truncated: item 3 of Pixel Data (7FE0,0010) declares 100 bytes, 30 remain",
        refusal(JPEG_2000, data));
  }

  @Test
  void encapsulatedPixelDataWithSomethingElseThanItemsIsRefused() throws Exception {
    byte[] data = encapsulated().tag(0x0008, 0x0060).u32(2).toArray();
    assertTrue(
        refusal(JPEG_2000, data)
            .startsWith("expected a defined-length Item (FFFE,E000) in Pixel Data, found element"));
  }

  private static Bytes implicit(long pixelLength) {
    return new Bytes().tag(0x0008, 0x0060).u32(2).ascii("MR").tag(0x7fe0, 0x0010).u32(pixelLength);
  }

  @Test
  void implicitVrIsWalkedWithFourByteLengths() throws Exception {
    passes(IMPLICIT, implicit(4).zeros(4).toArray());
    assertEquals(
        "truncated: Pixel Data (7FE0,0010) declares 4 bytes, 3 remain",
        refusal(IMPLICIT, implicit(4).zeros(3).toArray()));
  }

  /** A sequence of undefined length with one item of undefined length holding one element. */
  private static Bytes sequence(boolean explicit) {
    Bytes b = new Bytes();
    if (explicit) {
      b.longHeader(0x0008, 0x1140, "SQ", UNDEFINED);
    } else {
      b.tag(0x0008, 0x1140).u32(UNDEFINED);
    }
    b.tag(0xfffe, 0xe000).u32(UNDEFINED);
    if (explicit) {
      b.shortElement(0x0008, 0x1150, "UI", "1.2");
    } else {
      b.tag(0x0008, 0x1150).u32(4).ascii("1.2\0");
    }
    return b;
  }

  @Test
  void nestedSequencesAreWalkedToTheirDelimiters() throws Exception {
    for (boolean explicit : List.of(true, false)) {
      String ts = explicit ? EXPLICIT : IMPLICIT;
      Bytes complete = sequence(explicit).tag(0xfffe, 0xe00d).u32(0).tag(0xfffe, 0xe0dd).u32(0);
      passes(ts, complete.toArray());
      assertEquals(
          "truncated: an item of element (0008,1140) ends without an Item Delimitation Item"
              + " (FFFE,E00D)",
          refusal(ts, sequence(explicit).toArray()));
    }
  }

  @Test
  void undefinedLengthUnHoldsImplicitVrData() throws Exception {
    Bytes un =
        new Bytes()
            .longHeader(0x0009, 0x1010, "UN", UNDEFINED)
            .tag(0xfffe, 0xe000)
            .u32(UNDEFINED)
            .tag(0x0009, 0x1011)
            .u32(4)
            .ascii("ABCD")
            .tag(0xfffe, 0xe00d)
            .u32(0)
            .tag(0xfffe, 0xe0dd)
            .u32(0);
    passes(EXPLICIT, un.toArray());
  }

  @Test
  void implicitVrElementInAnExplicitVrDataSetIsReadAsPixelMedReadsIt() throws Exception {
    Bytes mixed = modality().tag(0x0009, 0x1010).u32(4).ascii("ABCD");
    passes(EXPLICIT, mixed.longHeader(0x7fe0, 0x0010, "OW", 2).zeros(2).toArray());
    assertEquals(
        "truncated: element (0009,1010) declares 4 bytes, 2 remain",
        refusal(EXPLICIT, modality().tag(0x0009, 0x1010).u32(4).ascii("AB").toArray()));
  }

  private static byte[] deflate(byte[] data, int keep) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9, true))) {
      z.write(data);
    }
    return Arrays.copyOf(out.toByteArray(), Math.min(keep, out.size()));
  }

  @Test
  void deflatedDataSetIsInflatedAsAStream() throws Exception {
    byte[] data = modality().longHeader(0x7fe0, 0x0010, "OW", 4000).zeros(4000).toArray();
    passes(DEFLATED, deflate(data, Integer.MAX_VALUE));
    byte[] cut = deflate(data, deflate(data, Integer.MAX_VALUE).length - 4);
    assertTrue(refusal(DEFLATED, cut).startsWith("truncated: "), refusal(DEFLATED, cut));
  }

  /** Little-endian samples with their meta information (big endian is refused at negotiation). */
  static Stream<Path> samples() throws Exception {
    return Stream.of("transfer-syntax", "enhanced-multiframe", "vendors")
        .flatMap(d -> list(SharedData.path("dicom-samples/" + d)))
        .filter(p -> !transferSyntax(p).isEmpty())
        .filter(p -> !transferSyntax(p).equals("1.2.840.10008.1.2.2"));
  }

  private static Stream<Path> list(Path folder) {
    try (var files = Files.list(folder)) {
      return files.sorted().toList().stream();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String transferSyntax(Path file) {
    try {
      AttributeList list = new AttributeList();
      list.readOnlyMetaInformationHeader(file.toFile());
      return Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID);
    } catch (Exception e) {
      return "";
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyCompleteSamplePasses(Path file) {
    assertDoesNotThrow(() -> CompletenessCheck.requireComplete(file, transferSyntax(file)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truncatedSamples")
  void truncatedSamplesAreRefused(String name) {
    Path file = SharedData.path("dicom-samples/broken/" + name);
    StoreRefusedException e =
        assertThrows(
            StoreRefusedException.class,
            () -> CompletenessCheck.requireComplete(file, transferSyntax(file)));
    assertTrue(e.getMessage().startsWith("truncated: "), e.getMessage());
  }

  static Stream<String> truncatedSamples() {
    return Stream.of(
        "derived_truncated_in_pixeldata.dcm",
        "pydicom_MR_truncated.dcm",
        "pydicom_rtplan_truncated.dcm",
        "pydicomdata_emri_small_jpeg_2k_lossless_too_short.dcm");
  }
}
