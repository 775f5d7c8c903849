package org.segnode.imaging.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/** CHAOS-style PNG mask folders onto a grid. */
class PngMaskFolderTest {
  @TempDir Path dir;

  private static final String GROUND = "chaos-ct-sample/case1/Ground";

  private static Grid chaosCtGrid(int nx, int nz) {
    return Grid.axial(nx, 512, nz, 0.7266, 0.7266, 2.0);
  }

  private static int slicesWithLabel(LabelVolume v) {
    int slices = 0;
    for (int k = 0; k < v.grid().nz(); k++) {
      boolean any = false;
      for (int n = k * v.grid().sliceSize(); n < (k + 1) * v.grid().sliceSize() && !any; n++) {
        any = v.labels()[n] != 0;
      }
      slices += any ? 1 : 0;
    }
    return slices;
  }

  @Test
  void chaosCtGroundHasLiverOnSeventyOneOfSeventyEightSlices() throws IOException {
    Path ground = SharedData.path(GROUND);
    LabelVolume liver =
        PngMaskFolder.read(ground, chaosCtGrid(512, 78), 1, PngMaskFolder.identityOrder(78));
    assertEquals(71, slicesWithLabel(liver));
    assertArrayEquals(new int[] {1}, liver.presentLabels());
    assertTrue(liver.count(1) > 100_000, "liver voxels " + liver.count(1));
  }

  @Test
  void eachFileLandsOnTheSliceTheCallerGivesIt() throws IOException {
    for (int n = 0; n < 3; n++) {
      BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
      img.getRaster().setSample(n, 0, 0, 255); // file n marks pixel (n, 0)
      ImageIO.write(img, "png", dir.resolve("mask_" + n + ".png").toFile());
    }
    Files.writeString(dir.resolve("notes.txt"), "not a mask");
    LabelVolume v = PngMaskFolder.read(dir, Grid.axial(4, 3, 3, 1, 1, 1), 6, new int[] {2, 0, 1});
    assertEquals(6, v.get(0, 0, 2));
    assertEquals(6, v.get(1, 0, 0));
    assertEquals(6, v.get(2, 0, 1));
    assertEquals(3, v.count(6));
  }

  @Test
  void oneBitEightBitAndSixteenBitGreyAllCountNonZeroPixels() throws IOException {
    BufferedImage binary = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_BINARY);
    binary.getRaster().setSample(1, 1, 0, 1);
    BufferedImage grey = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(2, 2, 0, 1);
    BufferedImage deep = new BufferedImage(5, 4, BufferedImage.TYPE_USHORT_GRAY);
    deep.getRaster().setSample(3, 3, 0, 256); // low byte zero: only a 16-bit read sees it
    deep.getRaster().setSample(4, 0, 0, 65535);
    ImageIO.write(binary, "png", dir.resolve("a.png").toFile());
    ImageIO.write(grey, "png", dir.resolve("b.png").toFile());
    ImageIO.write(deep, "png", dir.resolve("c.png").toFile());
    LabelVolume v = PngMaskFolder.read(dir, Grid.axial(5, 4, 3, 1, 1, 1), 2, new int[] {0, 1, 2});
    assertEquals(2, v.get(1, 1, 0));
    assertEquals(2, v.get(2, 2, 1));
    assertEquals(2, v.get(3, 3, 2));
    assertEquals(2, v.get(4, 0, 2));
    assertEquals(4, v.count(2));
  }

  @Test
  void fewerPngsThanDicomSlicesAreRefused() throws IOException {
    copyGround(3);
    IOException e =
        assertThrows(
            IOException.class,
            () -> PngMaskFolder.read(dir, chaosCtGrid(512, 4), 1, PngMaskFolder.identityOrder(4)));
    assertEquals(dir + ": expected 4 PNGs for 4 DICOM slices, found 3", e.getMessage());
  }

  @Test
  void pngOfTheWrongSizeIsRefusedNamingTheFile() throws IOException {
    List<Path> copies = copyGround(3);
    IOException e =
        assertThrows(
            IOException.class,
            () -> PngMaskFolder.read(dir, chaosCtGrid(256, 3), 1, PngMaskFolder.identityOrder(3)));
    assertEquals(
        copies.get(0) + ": expected 256 x 512 pixels (grid nx x ny), found 512 x 512",
        e.getMessage());
  }

  @Test
  void mappingThatRepeatsASliceIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PngMaskFolder.read(dir, Grid.axial(2, 2, 3, 1, 1, 1), 1, new int[] {0, 1, 1}));
    assertTrue(e.getMessage().contains("found slice 1 for file 2"), e.getMessage());
  }

  @Test
  void filesAreListedInNameOrder() throws IOException {
    for (String name : new String[] {"b.png", "a.PNG", "c.png", "a.txt"}) {
      Files.write(dir.resolve(name), new byte[0]);
    }
    List<String> names =
        PngMaskFolder.list(dir).stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(List.of("a.PNG", "b.png", "c.png"), names);
  }

  private List<Path> copyGround(int count) throws IOException {
    List<Path> source = PngMaskFolder.list(SharedData.path(GROUND));
    for (Path png : source.subList(40, 40 + count)) {
      Files.copy(png, dir.resolve(png.getFileName()));
    }
    return PngMaskFolder.list(dir);
  }
}
