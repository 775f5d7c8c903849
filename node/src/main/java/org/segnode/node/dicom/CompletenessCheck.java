package org.segnode.node.dicom;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Finds a received Part 10 file cut short, without decoding anything: it walks the element headers
 * of the whole data set and skips each value by its declared length, walks sequences and
 * encapsulated Pixel Data item by item to their delimiters, and requires that the data end exactly
 * at an element boundary. The header parse alone stops at Pixel Data, so a file cut inside or
 * before it would otherwise be acknowledged and fail only when the series is read.
 *
 * <p>Little endian only: Explicit VR Big Endian is refused at negotiation. The deflated syntax is
 * inflated as a stream (its values are skipped by inflating them, the one case that costs CPU).
 * Structure within item values (frame codestreams, nested data of undefined-length UN) is not
 * checked beyond what the lengths say. A data set with no Pixel Data at all passes: storage classes
 * such as RT Plan have none by design, and the reader reports its absence for image classes.
 */
final class CompletenessCheck {
  private static final int PIXEL_DATA = 0x7fe00010;
  private static final int ITEM = 0xfffee000;
  private static final int ITEM_END = 0xfffee00d;
  private static final int SEQUENCE_END = 0xfffee0dd;
  private static final long UNDEFINED = 0xffffffffL;
  private static final int PREAMBLE = 128;

  /** Explicit VRs with a 2-byte reserved field and a 4-byte length (PS3.5 7.1.2). */
  private static final Set<String> LONG_VRS =
      Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

  private final Input in;
  private final byte[] header = new byte[8];

  private CompletenessCheck(Input in) {
    this.in = in;
  }

  /** Refuses (Cannot understand) a file whose data set ends before its declared lengths do. */
  static void requireComplete(Path file, String transferSyntaxUid) throws StoreRefusedException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Input meta = new Input(raw, Files.size(file));
      if (meta.skip(PREAMBLE) < PREAMBLE || !"DICM".equals(meta.ascii(4))) {
        throw truncated("expected a Part 10 preamble and 'DICM', found a shorter file");
      }
      CompletenessCheck check = new CompletenessCheck(meta);
      int first = check.skipMetaInformation();
      boolean explicit = !TransferSyntaxes.IMPLICIT_VR_LE.equals(transferSyntaxUid);
      if (TransferSyntaxes.DEFLATED_EXPLICIT_VR_LE.equals(transferSyntaxUid)) {
        walkDeflated(raw, first);
      } else {
        check.walkDataSet(first, explicit);
      }
    } catch (EOFException e) {
      throw truncated("the deflated data set ends early (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new StoreRefusedException(
          DimseStatus.CANNOT_UNDERSTAND, "unreadable data set: " + e.getMessage());
    }
  }

  /**
   * The data set of the deflated syntax is one raw deflate stream right after the meta information,
   * where the first "tag" read was already the start of the compressed bytes.
   */
  private static void walkDeflated(InputStream raw, int first)
      throws IOException, StoreRefusedException {
    if (first == -1) {
      return;
    }
    Inflater inflater = new Inflater(true);
    try {
      InputStream rest = new SequenceInputStream(new ByteArrayInputStream(le32(first)), raw);
      CompletenessCheck body =
          new CompletenessCheck(new Input(new InflaterInputStream(rest, inflater), Long.MAX_VALUE));
      body.walkDataSet(body.nextTag(), true);
    } finally {
      inflater.end();
    }
  }

  /** Skips the group 0002 elements (always explicit VR); returns the tag after them or -1. */
  private int skipMetaInformation() throws IOException, StoreRefusedException {
    int tag = nextTag();
    while (tag != -1 && tag >>> 16 == 0x0002) {
      skipValue(tag, explicitLength(tag, vr(tag)));
      tag = nextTag();
    }
    return tag;
  }

  /** Top level: elements until the data end, which must be between two elements. */
  private void walkDataSet(int first, boolean explicit) throws IOException, StoreRefusedException {
    for (int tag = first; tag != -1; tag = nextTag()) {
      element(tag, explicit);
    }
  }

  private void element(int tag, boolean explicit) throws IOException, StoreRefusedException {
    // Items and delimiters carry no VR in any syntax.
    String vr = explicit && tag >>> 16 != 0xfffe ? vr(tag) : null;
    boolean named = vr != null && vr.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    long length;
    if (vr == null) {
      length = readLength(tag);
    } else if (named) {
      length = explicitLength(tag, vr);
    } else {
      // An implicit VR element in an explicit VR data set, as PixelMed also accepts: what was read
      // as the VR is the first half of a 4-byte length.
      length = implicitLength(tag, vr);
    }
    if (length != UNDEFINED) {
      skipValue(tag, length);
    } else if (tag == PIXEL_DATA) {
      walkFragments();
    } else {
      // An undefined-length UN holds implicit VR data (PS3.5 6.2.2); SQ keeps the syntax's VR.
      walkSequence(tag, named && !"UN".equals(vr));
    }
  }

  /** Encapsulated Pixel Data: items skipped by their lengths up to the Sequence Delimiter. */
  private void walkFragments() throws IOException, StoreRefusedException {
    for (int count = 1; ; count++) {
      int tag = nextTag();
      if (tag == -1) {
        throw truncated(
            "Pixel Data (7FE0,0010) ends after "
                + (count - 1)
                + " items without a Sequence Delimitation Item (FFFE,E0DD)");
      }
      long length = readLength(tag);
      if (tag == SEQUENCE_END) {
        return;
      }
      if (tag != ITEM || length == UNDEFINED) {
        throw new StoreRefusedException(
            DimseStatus.CANNOT_UNDERSTAND,
            "expected a defined-length Item (FFFE,E000) in Pixel Data, found "
                + name(tag)
                + " of length "
                + length);
      }
      skip("item " + count + " of Pixel Data (7FE0,0010)", length);
    }
  }

  /** A sequence of undefined length: items, each of defined length or up to its delimiter. */
  private void walkSequence(int owner, boolean explicit) throws IOException, StoreRefusedException {
    while (true) {
      int tag = nextTag();
      if (tag == -1) {
        throw truncated(name(owner) + " ends without a Sequence Delimitation Item (FFFE,E0DD)");
      }
      long length = readLength(tag);
      if (tag == SEQUENCE_END) {
        return;
      }
      if (tag != ITEM) {
        throw new StoreRefusedException(
            DimseStatus.CANNOT_UNDERSTAND,
            "expected an Item (FFFE,E000) in " + name(owner) + ", found " + name(tag));
      }
      if (length != UNDEFINED) {
        skip("an item of " + name(owner), length);
      } else {
        walkItem(owner, explicit);
      }
    }
  }

  private void walkItem(int owner, boolean explicit) throws IOException, StoreRefusedException {
    while (true) {
      int tag = nextTag();
      if (tag == -1) {
        throw truncated(
            "an item of " + name(owner) + " ends without an Item Delimitation Item (FFFE,E00D)");
      }
      if (tag == ITEM_END) {
        readLength(tag);
        return;
      }
      element(tag, explicit);
    }
  }

  private long explicitLength(int tag, String vr) throws IOException, StoreRefusedException {
    if (!LONG_VRS.contains(vr)) {
      byte[] two = in.bytes(2);
      if (two.length < 2) {
        throw endsInHeader(tag);
      }
      return (two[0] & 0xff) | (two[1] & 0xff) << 8;
    }
    if (in.skip(2) < 2) {
      throw endsInHeader(tag);
    }
    return readLength(tag);
  }

  private String vr(int tag) throws IOException, StoreRefusedException {
    String vr = in.ascii(2);
    if (vr.length() < 2) {
      throw endsInHeader(tag);
    }
    return vr;
  }

  private long implicitLength(int tag, String vr) throws IOException, StoreRefusedException {
    byte[] two = in.bytes(2);
    if (two.length < 2) {
      throw endsInHeader(tag);
    }
    byte[] low = vr.getBytes(StandardCharsets.ISO_8859_1);
    return uint32(new byte[] {low[0], low[1], two[0], two[1]});
  }

  private long readLength(int tag) throws IOException, StoreRefusedException {
    byte[] four = in.bytes(4);
    if (four.length < 4) {
      throw endsInHeader(tag);
    }
    return uint32(four);
  }

  private void skipValue(int tag, long length) throws IOException, StoreRefusedException {
    if (length == UNDEFINED) {
      throw new StoreRefusedException(
          DimseStatus.CANNOT_UNDERSTAND,
          "expected a defined length for " + name(tag) + ", found undefined");
    }
    skip(name(tag), length);
  }

  private void skip(String what, long length) throws IOException, StoreRefusedException {
    long skipped = in.skip(length);
    if (skipped < length) {
      throw truncated(what + " declares " + length + " bytes, " + skipped + " remain");
    }
  }

  /** The next tag, or -1 where the data end exactly here. */
  private int nextTag() throws IOException, StoreRefusedException {
    byte[] four = in.bytes(4);
    if (four.length == 0) {
      return -1;
    }
    if (four.length < 4) {
      throw truncated("the data set ends inside an element's tag");
    }
    int group = (four[0] & 0xff) | (four[1] & 0xff) << 8;
    int element = (four[2] & 0xff) | (four[3] & 0xff) << 8;
    return group << 16 | element;
  }

  private static byte[] le32(int tag) {
    // a tag is read as group then element, each little endian
    return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8)};
  }

  private static long uint32(byte[] b) {
    return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
  }

  static String name(int tag) {
    String code = String.format("(%04X,%04X)", tag >>> 16, tag & 0xffff);
    return switch (tag) {
      case PIXEL_DATA -> "Pixel Data " + code;
      case 0x7fe00008 -> "Float Pixel Data " + code;
      case 0x7fe00009 -> "Double Float Pixel Data " + code;
      case ITEM -> "Item " + code;
      default -> "element " + code;
    };
  }

  private static StoreRefusedException endsInHeader(int tag) {
    return truncated("the data set ends inside the header of " + name(tag));
  }

  private static StoreRefusedException truncated(String why) {
    return new StoreRefusedException(DimseStatus.CANNOT_UNDERSTAND, "truncated: " + why);
  }

  /** A stream that knows how far it may skip: a file's size, or unbounded when inflating. */
  private static final class Input {
    private final InputStream in;
    private long left;

    Input(InputStream in, long size) {
      this.in = in;
      this.left = size;
    }

    /** Up to n bytes; fewer only where the data end. */
    byte[] bytes(int n) throws IOException {
      byte[] b = in.readNBytes((int) Math.min(n, left));
      left -= b.length;
      return b;
    }

    String ascii(int n) throws IOException {
      // ISO 8859-1 maps each byte to one char, so a VR that is no text can be turned back to bytes
      return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    /**
     * Skips n bytes or to the end, whichever comes first; returns how many. Bounded by the size
     * because a file stream skips past its end without complaint.
     */
    long skip(long n) throws IOException {
      long want = Math.min(n, left);
      long done = 0;
      while (done < want) {
        long step = in.skip(want - done);
        if (step <= 0) {
          if (in.read() < 0) {
            break;
          }
          step = 1;
        }
        done += step;
      }
      left -= done;
      return done;
    }
  }
}
