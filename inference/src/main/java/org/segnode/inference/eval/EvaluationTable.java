package org.segnode.inference.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.segnode.imaging.metrics.SegmentationMetrics;

/**
 * Per-patient, per-label metrics with one mean row per label, as a text table or CSV. A mean over
 * patients where one has an infinite distance (an empty prediction or reference) is infinite too:
 * the table should show that a case failed rather than hide it.
 */
public final class EvaluationTable {
  public static final String MEAN = "mean";
  public static final String CSV_HEADER =
      "patient,label,structure,dice,hd95_mm,msd_mm,volume_diff_ml";

  /** One line of the table. */
  public record Row(
      String patient,
      int label,
      String structure,
      double dice,
      double hd95Mm,
      double msdMm,
      double volumeDifferenceMl) {
    public static Row of(String patient, String structure, SegmentationMetrics m) {
      return new Row(
          patient, m.label(), structure, m.dice(), m.hd95Mm(), m.assdMm(), m.volumeDifferenceMl());
    }
  }

  private final List<Row> rows = new ArrayList<>();

  public void add(Row row) {
    rows.add(row);
  }

  /** The patient rows followed by one mean row per label. */
  public List<Row> withMeans() {
    Map<Integer, List<Row>> byLabel = new TreeMap<>();
    rows.forEach(r -> byLabel.computeIfAbsent(r.label(), l -> new ArrayList<>()).add(r));
    List<Row> all = new ArrayList<>(rows);
    byLabel.forEach((label, list) -> all.add(mean(label, list)));
    return all;
  }

  private static Row mean(int label, List<Row> rows) {
    return new Row(
        MEAN,
        label,
        rows.get(0).structure(),
        rows.stream().mapToDouble(Row::dice).average().orElse(Double.NaN),
        rows.stream().mapToDouble(Row::hd95Mm).average().orElse(Double.NaN),
        rows.stream().mapToDouble(Row::msdMm).average().orElse(Double.NaN),
        rows.stream().mapToDouble(Row::volumeDifferenceMl).average().orElse(Double.NaN));
  }

  public String text() {
    StringBuilder b = new StringBuilder();
    String format = "%-8s %5s %-14s %7s %9s %9s %12s%n";
    b.append(
        String.format(
            format, "patient", "label", "structure", "Dice", "HD95 mm", "MSD mm", "dVol mL"));
    for (Row r : withMeans()) {
      b.append(
          String.format(
              format,
              r.patient(),
              r.label(),
              r.structure(),
              Formats.fixed(r.dice(), 4),
              Formats.fixed(r.hd95Mm(), 2),
              Formats.fixed(r.msdMm(), 2),
              Formats.fixed(r.volumeDifferenceMl(), 1)));
    }
    return b.toString();
  }

  public String csv() {
    StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
    for (Row r : withMeans()) {
      b.append(
          String.join(
              ",",
              r.patient(),
              Integer.toString(r.label()),
              r.structure().replace(",", " "),
              Formats.fixed(r.dice(), 6),
              Formats.fixed(r.hd95Mm(), 4),
              Formats.fixed(r.msdMm(), 4),
              Formats.fixed(r.volumeDifferenceMl(), 3)));
      b.append('\n');
    }
    return b.toString();
  }
}
