package org.segnode.imaging.preprocess;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-plane pad or crop of a {@link PreprocessingSpec}, always centred (an odd difference puts
 * the extra column or row at the end). Tokens:
 *
 * <ul>
 *   <li>{@code native}: keep the size;
 *   <li>{@code divN-pad}: pad each axis up to the next multiple of N ({@code div16-pad}: 250 to
 *       256);
 *   <li>{@code divN-crop}: crop each axis down to a multiple of N (250 to 240), but pad to N when
 *       the axis is shorter than N;
 *   <li>{@code fixedNXxNY}: pad or crop each axis to exactly NX columns and NY rows ({@code
 *       fixed256x256}).
 * </ul>
 */
public sealed interface SizeStep {
  /** The accepted forms, quoted in parse errors. */
  String EXPECTED = "native, divN-pad, divN-crop or fixedNXxNY such as div16-pad or fixed256x256";

  String token();

  /** The model size {@code {columns, rows}} for a resampled slice of {@code nx} by {@code ny}. */
  int[] target(int nx, int ny);

  /** The step written as {@code token}; throws naming the key {@code size} otherwise. */
  static SizeStep parse(String token) {
    if ("native".equals(token)) {
      return new Native();
    }
    Matcher div = Pattern.compile("div([^-]*)-(pad|crop)").matcher(token == null ? "" : token);
    if (div.matches()) {
      return new Divisible(
          CompactSpec.parseCount("size", div.group(1)), div.group(2).equals("crop"));
    }
    Matcher fixed = Pattern.compile("fixed([^x]*)x(.*)").matcher(token == null ? "" : token);
    if (fixed.matches()) {
      return new Fixed(
          CompactSpec.parseCount("size", fixed.group(1)),
          CompactSpec.parseCount("size", fixed.group(2)));
    }
    throw CompactSpec.invalid("size", EXPECTED, token);
  }

  /** Keeps the resampled size. */
  record Native() implements SizeStep {
    @Override
    public String token() {
      return "native";
    }

    @Override
    public int[] target(int nx, int ny) {
      return new int[] {nx, ny};
    }
  }

  /** Makes each axis a multiple of {@code factor}, by padding or, with {@code crop}, cropping. */
  record Divisible(int factor, boolean crop) implements SizeStep {
    public Divisible {
      if (factor < 1) {
        throw CompactSpec.invalid("size", "a factor >= 1", String.valueOf(factor));
      }
    }

    @Override
    public String token() {
      return "div" + factor + (crop ? "-crop" : "-pad");
    }

    @Override
    public int[] target(int nx, int ny) {
      return new int[] {fit(nx), fit(ny)};
    }

    private int fit(int n) {
      int down = n / factor * factor;
      return crop ? Math.max(factor, down) : (down == n ? n : down + factor);
    }
  }

  /** Pads or crops to exactly {@code nx} columns and {@code ny} rows. */
  record Fixed(int nx, int ny) implements SizeStep {
    public Fixed {
      if (nx < 1 || ny < 1) {
        throw CompactSpec.invalid("size", "a positive size", nx + "x" + ny);
      }
    }

    @Override
    public String token() {
      return "fixed" + nx + "x" + ny;
    }

    @Override
    public int[] target(int columns, int rows) {
      return new int[] {nx, ny};
    }
  }
}
