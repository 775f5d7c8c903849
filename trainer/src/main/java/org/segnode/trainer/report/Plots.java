package org.segnode.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Plain line charts (one series over epochs) as PNG, drawn with Java2D: no plotting library. */
public final class Plots {
  private static final int W = 720;
  private static final int H = 420;
  private static final int M = 60;

  private Plots() {}

  /** Plots column {@code column} of {@code rows} against column 0. */
  public static void line(List<double[]> rows, int column, String title, Path out)
      throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    double[] xr = range(rows, 0);
    double[] yr = range(rows, column);
    axes(g, title, xr, yr);
    g.setColor(new Color(31, 119, 180));
    g.setStroke(new BasicStroke(2f));
    for (int i = 1; i < rows.size(); i++) {
      g.drawLine(
          px(rows.get(i - 1)[0], xr),
          py(rows.get(i - 1)[column], yr),
          px(rows.get(i)[0], xr),
          py(rows.get(i)[column], yr));
    }
    rows.forEach(r -> g.fillOval(px(r[0], xr) - 3, py(r[column], yr) - 3, 6, 6));
    g.dispose();
    ImageIO.write(img, "png", out.toFile());
  }

  private static void axes(Graphics2D g, String title, double[] xr, double[] yr) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(title, M, M / 2);
    g.drawLine(M, H - M, W - M / 2, H - M);
    g.drawLine(M, M, M, H - M);
    g.drawString("epoch", W / 2, H - M / 3);
    for (int t = 0; t <= 4; t++) {
      double y = yr[0] + (yr[1] - yr[0]) * t / 4;
      g.drawString(String.format(Locale.ROOT, "%.3g", y), 4, py(y, yr) + 4);
      double x = xr[0] + (xr[1] - xr[0]) * t / 4;
      g.drawString(String.format(Locale.ROOT, "%.0f", x), px(x, xr) - 6, H - M + 16);
    }
  }

  private static double[] range(List<double[]> rows, int column) {
    double lo = rows.stream().mapToDouble(r -> r[column]).min().orElse(0);
    double hi = rows.stream().mapToDouble(r -> r[column]).max().orElse(1);
    return hi - lo < 1e-9 ? new double[] {lo - 0.5, hi + 0.5} : new double[] {lo, hi};
  }

  private static int px(double x, double[] r) {
    return (int) Math.round(M + (x - r[0]) / (r[1] - r[0]) * (W - 1.5 * M));
  }

  private static int py(double y, double[] r) {
    return (int) Math.round(H - M - (y - r[0]) / (r[1] - r[0]) * (H - 2 * M));
  }
}
