package org.segnode.imaging.labels;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Reads a folder of per-slice PNG masks in the CHAOS layout: the n-th PNG in file-name order
 * belongs to the n-th DICOM file in file-name order. Since a SegNode grid is sorted by slice
 * position rather than by file name, the caller says which grid slice each file is.
 *
 * <p>PNG column x and row y map to voxel (x, y) of that slice: the masks share the DICOM pixel
 * layout. Any non-zero pixel (1-bit, 8-bit or 16-bit grey, palette or colour) becomes the label.
 */
public final class PngMaskFolder {
  private PngMaskFolder() {}

  /** The PNG files of a folder in name order (plain string order of the file names). */
  public static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
          .filter(Files::isRegularFile)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .collect(Collectors.toList());
    }
  }

  /** The mapping for files whose name order is already the grid's slice order. */
  public static int[] identityOrder(int slices) {
    return IntStream.range(0, slices).toArray();
  }

  /**
   * Reads the masks onto {@code target}.
   *
   * @param sliceOfFile for the n-th DICOM file in name order, the grid slice it became; the folder
   *     must hold exactly {@code sliceOfFile.length} PNGs
   * @param labelValue label (1..255) given to every non-zero pixel
   * @throws IOException when the PNG count or a PNG's size does not match, or a file is unreadable
   */
  public static LabelVolume read(Path folder, Grid target, int labelValue, int[] sliceOfFile)
      throws IOException {
    if (labelValue < 1 || labelValue > 255) {
      throw new IllegalArgumentException("expected a label in 1..255, found " + labelValue);
    }
    checkMapping(sliceOfFile, target.nz());
    List<Path> pngs = list(folder);
    if (pngs.size() != sliceOfFile.length) {
      throw new IOException(
          folder
              + ": expected "
              + sliceOfFile.length
              + " PNGs for "
              + sliceOfFile.length
              + " DICOM slices, found "
              + pngs.size());
    }
    LabelVolume out = LabelVolume.empty(target);
    for (int n = 0; n < pngs.size(); n++) {
      paint(readPng(pngs.get(n), target), out, sliceOfFile[n], (byte) labelValue);
    }
    return out;
  }

  private static void checkMapping(int[] sliceOfFile, int nz) {
    Set<Integer> seen = new HashSet<>();
    for (int n = 0; n < sliceOfFile.length; n++) {
      int k = sliceOfFile[n];
      if (k < 0 || k >= nz || !seen.add(k)) {
        throw new IllegalArgumentException(
            "expected distinct grid slices in 0.."
                + (nz - 1)
                + " for every file, found slice "
                + k
                + " for file "
                + n);
      }
    }
  }

  private static BufferedImage readPng(Path file, Grid target) throws IOException {
    BufferedImage img = decodePng(file);
    if (img == null) {
      throw new IOException(file + ": expected a PNG image, found no readable image");
    }
    if (img.getWidth() != target.nx() || img.getHeight() != target.ny()) {
      throw new IOException(
          String.format(
              "%s: expected %d x %d pixels (grid nx x ny), found %d x %d",
              file, target.nx(), target.ny(), img.getWidth(), img.getHeight()));
    }
    return img;
  }

  /**
   * Decodes with the PNG reader alone: {@code ImageIO.read} would first ask every registered
   * reader, and PixelMed's JPEG lossless reader prints a line to stdout each time it is asked.
   */
  private static BufferedImage decodePng(Path file) throws IOException {
    javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
    try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return null;
      }
      reader.setInput(in, true, true);
      return reader.read(0);
    } catch (javax.imageio.IIOException e) {
      return null;
    } finally {
      reader.dispose();
    }
  }

  private static void paint(BufferedImage img, LabelVolume out, int slice, byte label) {
    Raster raster = img.getRaster();
    ColorModel cm = img.getColorModel();
    boolean[] litIndex = cm instanceof IndexColorModel icm ? litPaletteEntries(icm) : null;
    // Colour bands only: a transparent-but-coloured pixel still counts, alpha alone does not.
    int bands = litIndex != null ? 1 : cm.getNumColorComponents();
    int w = img.getWidth();
    byte[] labels = out.labels();
    int[] row = new int[w];
    for (int y = 0; y < img.getHeight(); y++) {
      int offset = out.grid().index(0, y, slice);
      for (int band = 0; band < bands; band++) {
        raster.getSamples(0, y, w, 1, band, row);
        for (int x = 0; x < w; x++) {
          boolean lit = litIndex != null ? lit(litIndex, row[x]) : row[x] != 0;
          if (lit) {
            labels[offset + x] = label;
          }
        }
      }
    }
  }

  private static boolean lit(boolean[] litIndex, int index) {
    return index < litIndex.length && litIndex[index];
  }

  private static boolean[] litPaletteEntries(IndexColorModel icm) {
    boolean[] lit = new boolean[icm.getMapSize()];
    for (int p = 0; p < lit.length; p++) {
      lit[p] = (icm.getRGB(p) & 0xffffff) != 0;
    }
    return lit;
  }
}
