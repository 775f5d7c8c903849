package org.segnode.trainer.model;

/**
 * The shape of a U-Net.
 *
 * @param design CLASSIC (two 3x3 conv + batch norm + ReLU per level, max pool, nearest x2
 *     upsampling + concatenated skip) or LAB (the lab prototype's second design: strided input
 *     convolution, separable convolutions, residual shortcuts)
 * @param depth number of resolution levels; height and width must be divisible by 2^(depth-1) (LAB:
 *     2^depth, because of its strided input convolution)
 * @param baseFilters filters at the first level, doubled at each level below
 * @param inputChannels 1, or 1 + 2 * context for 2.5D input (neighbouring slices as channels)
 * @param classes background + one per label (softmax over these)
 */
public record UNetSpec(Design design, int depth, int baseFilters, int inputChannels, int classes) {

  public enum Design {
    CLASSIC,
    LAB
  }

  public UNetSpec {
    if (depth < 2 || depth > 6) {
      throw new IllegalArgumentException("depth expected in 2..6, found " + depth);
    }
    if (baseFilters < 1 || inputChannels < 1 || classes < 2) {
      throw new IllegalArgumentException(
          "expected filters >= 1, channels >= 1, classes >= 2; found "
              + baseFilters
              + ", "
              + inputChannels
              + ", "
              + classes);
    }
  }

  /** Height and width of an input must be multiples of this. */
  public int divisor() {
    int levels = design == Design.LAB ? depth : depth - 1;
    return 1 << levels;
  }
}
