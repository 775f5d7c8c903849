package org.segnode.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segnode.imaging.SharedData;
import org.segnode.inference.TinyModelAccess;
import org.segnode.inference.eval.EvaluationTable;

class EvaluateCommandTest {
  @TempDir Path dir;

  @Test
  void twoChaosPatientsGiveATableWithAMeanRowAndAValidCsv() throws Exception {
    Path csv = dir.resolve("eval.csv");
    Cli cli = evaluate("--patients", "2,3", "--csv", "" + csv);
    assertEquals(0, cli.exitCode(), cli.err());
    List<String> table = cli.out().lines().toList();
    assertEquals(4, table.size(), cli.out());
    assertTrue(table.get(0).matches("patient +label +structure +Dice +HD95 mm +MSD mm +dVol mL"));
    assertTrue(table.get(1).startsWith("2 "), table.get(1));
    assertTrue(table.get(2).startsWith("3 "), table.get(2));
    assertTrue(table.get(3).startsWith("mean "), table.get(3));

    List<String> lines = Files.readAllLines(csv);
    assertEquals(EvaluationTable.CSV_HEADER, lines.get(0));
    assertEquals(4, lines.size());
    double[] dice = new double[3];
    for (int r = 1; r < 4; r++) {
      String[] f = lines.get(r).split(",", -1);
      assertEquals(7, f.length, lines.get(r));
      assertEquals("1", f[1]);
      assertEquals("Liver", f[2]);
      dice[r - 1] = Double.parseDouble(f[3]);
      assertTrue(dice[r - 1] >= 0 && dice[r - 1] <= 1, lines.get(r));
      assertTrue(distance(f[4]) >= 0 && distance(f[5]) >= 0, lines.get(r));
      assertTrue(Double.isFinite(Double.parseDouble(f[6])), lines.get(r));
    }
    assertEquals("mean", lines.get(3).split(",")[0]);
    assertEquals((dice[0] + dice[1]) / 2, dice[2], 1e-6);
  }

  @Test
  void csvFormatOnStandardOutputEqualsTheCsvFile() throws Exception {
    Path csv = dir.resolve("eval.csv");
    Cli cli = evaluate("--patients", "2", "--csv", "" + csv, "--format", "csv");
    assertEquals(0, cli.exitCode(), cli.err());
    assertEquals(Files.readString(csv), cli.out());
  }

  @Test
  void anUnknownPatientIsReportedWithoutRunningAnything() throws Exception {
    Cli cli = evaluate("--patients", "999");
    assertEquals(1, cli.exitCode());
    assertTrue(cli.err().contains("expected image_999.nii.gz and label_999.nii.gz"), cli.err());
  }

  /** {@code segnode evaluate} of the tiny threshold model on the shared CHAOS cases. */
  private Cli evaluate(String... options) throws Exception {
    Path model = TinyModelAccess.threshold(dir.resolve("liver.onnx"));
    List<String> args = new ArrayList<>(List.of("evaluate", "--model", "" + model));
    args.addAll(List.of("--data", "" + SharedData.path("chaos-t2spir")));
    args.addAll(List.of(options));
    return Cli.run(args.toArray(String[]::new));
  }

  private static double distance(String field) {
    return field.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(field);
  }
}
