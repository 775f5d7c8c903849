package org.segnode.imaging.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.segnode.imaging.volume.LabelVolume;

/**
 * A PNG overview of a segmentation for a quick look: a mosaic of up to {@link #MAX_TILES} slices
 * spread evenly over the slices that carry a label (over the whole volume when none does), each in
 * grey with the {@link Window#robust robust} window of the whole image and the outline of each
 * label in its segment's recommended display colour, captioned with its 1-based position in the
 * stack. Tiles are oriented as {@link SliceRaster} describes and scaled to square pixels.
 *
 * <p>Known shortcoming: there is no legend; colours are those of the SEG's segments (so left and
 * right kidney share one), and the SEG or the model's labels say which is which.
 */
public final class Overview {
  public static final int MAX_TILES = 12;

  /** Longest side of a tile in pixels; smaller slices keep their own size. */
  static final int MAX_TILE_PX = 320;

  static final int CAPTION_PX = 16;

  private Overview() {}

  /** Renders the overview of {@code labels} on {@code image} and writes it as PNG. */
  public static void write(
      ImageVolume image, LabelVolume labels, List<SegmentDefinition> segments, Path png)
      throws IOException {
    if (!ImageIO.write(render(image, labels, segments), "png", png.toFile())) {
      throw new IOException("no PNG writer in this Java runtime, needed for " + png);
    }
  }

  /** The overview; labels without a segment in {@code segments} get the generic colour. */
  public static BufferedImage render(
      ImageVolume image, LabelVolume labels, List<SegmentDefinition> segments) {
    Grid g = image.grid();
    Grid lg = labels.grid();
    if (lg.nx() != g.nx() || lg.ny() != g.ny() || lg.nz() != g.nz()) {
      throw new IllegalArgumentException(
          "expected labels on the image's grid " + g + ", found " + lg);
    }
    int[] slices = slices(labels, MAX_TILES);
    int[] tile = tileSize(g);
    int cols = (int) Math.ceil(Math.sqrt(slices.length));
    int rows = (slices.length + cols - 1) / cols;
    int cellHeight = tile[1] + CAPTION_PX;
    BufferedImage out =
        new BufferedImage(cols * tile[0], rows * cellHeight, BufferedImage.TYPE_INT_RGB);
    Window window = Window.robust(image.voxels());
    int[] colours = colours(segments);
    Graphics2D gr = out.createGraphics();
    try {
      for (int t = 0; t < slices.length; t++) {
        int x = t % cols * tile[0];
        int y = t / cols * cellHeight;
        gr.drawImage(tile(image, labels, slices[t], window, colours, tile), x, y, null);
        caption(gr, slices[t], g.nz(), x, y + tile[1]);
      }
    } finally {
      gr.dispose();
    }
    return out;
  }

  /**
   * Up to {@code max} slice indices: the middle slice of each of {@code max} equal runs of the
   * labelled slices (all slices when nothing is labelled), ascending.
   */
  static int[] slices(LabelVolume labels, int max) {
    Grid g = labels.grid();
    int size = g.sliceSize();
    byte[] l = labels.labels();
    int[] labelled =
        IntStream.range(0, g.nz())
            .filter(k -> IntStream.range(k * size, (k + 1) * size).anyMatch(p -> l[p] != 0))
            .toArray();
    int[] pool = labelled.length > 0 ? labelled : IntStream.range(0, g.nz()).toArray();
    int n = Math.min(max, pool.length);
    return IntStream.range(0, n).map(t -> pool[(int) ((t + 0.5) * pool.length / n)]).toArray();
  }

  /** Tile width and height: square pixels of the finer spacing, at most MAX_TILE_PX long. */
  static int[] tileSize(Grid g) {
    double widthMm = g.nx() * g.dx();
    double heightMm = g.ny() * g.dy();
    double pixelMm = Math.max(Math.min(g.dx(), g.dy()), Math.max(widthMm, heightMm) / MAX_TILE_PX);
    return new int[] {
      Math.max(1, (int) Math.round(widthMm / pixelMm)),
      Math.max(1, (int) Math.round(heightMm / pixelMm))
    };
  }

  private static BufferedImage tile(
      ImageVolume image, LabelVolume labels, int k, Window window, int[] colours, int[] size) {
    BufferedImage tile = SliceRaster.grey(image, k, window, size[0], size[1]);
    byte[] outlines =
        SliceRaster.outlines(SliceRaster.labels(labels, k, size[0], size[1]), size[0], size[1]);
    for (int p = 0; p < outlines.length; p++) {
      if (outlines[p] != 0) {
        tile.setRGB(p % size[0], p / size[0], colours[outlines[p] & 0xff]);
      }
    }
    return tile;
  }

  /** RGB by label value: the segment's colour, or the generic one for labels without a segment. */
  private static int[] colours(List<SegmentDefinition> segments) {
    int[] colours = new int[256];
    for (int label = 1; label < 256; label++) {
      colours[label] = rgb(SegmentDefinition.forLabel(label).rgb());
    }
    segments.forEach(s -> colours[s.number()] = rgb(s.rgb()));
    return colours;
  }

  private static int rgb(int[] rgb) {
    return rgb[0] << 16 | rgb[1] << 8 | rgb[2];
  }

  private static void caption(Graphics2D g, int k, int slices, int x, int y) {
    g.setColor(Color.LIGHT_GRAY);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, CAPTION_PX - 4));
    g.drawString(
        String.format(Locale.ROOT, "slice %d/%d", k + 1, slices), x + 3, y + CAPTION_PX - 4);
  }
}
