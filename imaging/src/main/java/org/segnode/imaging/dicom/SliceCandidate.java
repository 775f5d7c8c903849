package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.TagFromName;

/**
 * One frame ready to be stacked: where it came from, where it lies, and its rescaled values.
 *
 * @param instanceNumber Instance Number, or {@link Integer#MAX_VALUE} when absent (sorts last);
 *     used only to order frames that have no position
 */
record SliceCandidate(
    SourceSlice source,
    String seriesInstanceUid,
    int instanceNumber,
    int rows,
    int columns,
    FrameGeometry geometry,
    float[] values) {

  /** Rescales frame {@code f} (0-based) of an instance; MONOCHROME1 is inverted first. */
  static SliceCandidate of(DicomInstance instance, FrameGeometry g, int f, boolean multiFrame) {
    PixelModule m = instance.pixels();
    int size = m.frameSize();
    int[] stored = instance.stored();
    float[] values = new float[size];
    int invertMask = m.monochrome1() ? monochrome1Mask(m) : 0;
    for (int n = 0; n < size; n++) {
      int v = stored[f * size + n];
      if (m.monochrome1()) {
        v = m.signed() ? -1 - v : invertMask - v;
      }
      values[n] = (float) (g.slope() * v + g.intercept());
    }
    return new SliceCandidate(
        instance.source(multiFrame ? f + 1 : 0),
        instance.seriesInstanceUid(),
        instanceNumber(instance),
        m.rows(),
        m.columns(),
        g,
        values);
  }

  private static int instanceNumber(DicomInstance instance) {
    return Attribute.getSingleIntegerValueOrDefault(
        instance.header(), TagFromName.InstanceNumber, Integer.MAX_VALUE);
  }

  /**
   * MONOCHROME1 means low stored values display bright. SegNode wants "higher = brighter", so the
   * stored value is mirrored within its range (unsigned: max - v; signed two's complement: -1 - v,
   * which maps [min, max] onto [max, min]) before Rescale Slope/Intercept is applied.
   */
  private static int monochrome1Mask(PixelModule m) {
    return (int) ((1L << m.bitsStored()) - 1);
  }
}
