package org.segnode.imaging.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.segnode.imaging.volume.LabelVolume;

/** Voxel values from every supported type, byte order and scaling. */
class NiftiValuesTest {
  @TempDir Path dir;

  private static final double[] SMALL = {0, 1, 2, 3, 4, 5, 6, 7};

  private static NiftiHeader small(NiftiDataType type) {
    return NiftiTestFiles.header(ByteOrder.LITTLE_ENDIAN, type, 2, 2, 2);
  }

  @ParameterizedTest
  @EnumSource(NiftiDataType.class)
  void everySupportedTypeReadsInBothByteOrders(NiftiDataType type) throws IOException {
    double[] values = {0, 1, 2, 3, 4, 5, 6, 127};
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      NiftiHeader h = NiftiTestFiles.header(order, type, 2, 2, 2);
      Path file = NiftiTestFiles.write(dir.resolve(type + "-" + order + ".nii"), h, values);
      assertArrayEquals(values, NiftiReader.read(file).values(), 0.0, order.toString());
    }
  }

  @Test
  void unsignedAndNegativeValuesKeepTheirSign() throws IOException {
    double[] values = {-32768, -1, 0, 32767, 0, 0, 0, 0};
    NiftiHeader h = NiftiTestFiles.header(ByteOrder.BIG_ENDIAN, NiftiDataType.INT16, 2, 2, 2);
    assertArrayEquals(values, readBack("s16.nii", h, values), 0.0);
    double[] unsigned = {65535, 40000, 255, 0, 0, 0, 0, 0};
    h = NiftiTestFiles.header(ByteOrder.LITTLE_ENDIAN, NiftiDataType.UINT16, 2, 2, 2);
    assertArrayEquals(unsigned, readBack("u16.nii", h, unsigned), 0.0);
    double[] bytes = {255, 200, 0, 1, 0, 0, 0, 0};
    h = NiftiTestFiles.header(ByteOrder.LITTLE_ENDIAN, NiftiDataType.UINT8, 2, 2, 2);
    assertArrayEquals(bytes, readBack("u8.nii", h, bytes), 0.0);
  }

  @Test
  void sclSlopeAndInterceptApplyAndZeroSlopeMeansNone() throws IOException {
    NiftiHeader h = small(NiftiDataType.INT16);
    double[] scaled = readBack("scaled.nii", NiftiTestFiles.withScaling(h, 2f, -1f), SMALL);
    assertArrayEquals(new double[] {-1, 1, 3, 5, 7, 9, 11, 13}, scaled, 0.0);
    double[] unscaled = readBack("zero.nii", NiftiTestFiles.withScaling(h, 0f, 5f), SMALL);
    assertArrayEquals(SMALL, unscaled, 0.0);
  }

  @Test
  void slicerStyleInt16LabelMapReadsAsLabels() throws IOException {
    // 3D Slicer writes label maps as int16 .nii.gz with both qform and sform set.
    Path written = dir.resolve("seg.nii.gz");
    LabelVolume original = LabelVolume.empty(NiftiRoundTripTest.obliqueLeftHandedGrid());
    original.set(3, 2, 1, 7);
    NiftiWriter.write(original, written);
    NiftiHeader u8 = NiftiReader.readHeader(written);
    NiftiHeader s16 =
        new NiftiHeader(
            ByteOrder.LITTLE_ENDIAN,
            u8.dim(),
            NiftiDataType.INT16,
            u8.pixdim(),
            352,
            1f,
            0f,
            u8.qformCode(),
            u8.sformCode(),
            u8.quatern(),
            u8.qoffset(),
            u8.srow());
    double[] values = new double[original.labels().length];
    values[original.grid().index(3, 2, 1)] = 7;
    Path file = NiftiTestFiles.write(dir.resolve("slicer.nii.gz"), s16, values);
    LabelVolume back = NiftiReader.readLabels(file);
    assertArrayEquals(original.labels(), back.labels());
    NiftiRoundTripTest.assertSamePlacement(original.grid(), back.grid());
  }

  private double[] readBack(String name, NiftiHeader h, double[] values) throws IOException {
    return NiftiReader.read(NiftiTestFiles.write(dir.resolve(name), h, values)).values();
  }
}
