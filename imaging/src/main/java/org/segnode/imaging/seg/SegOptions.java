package org.segnode.imaging.seg;

/**
 * What a SEG says about itself: series, content and the algorithm that made it.
 *
 * @param uidSeed seed for the SEG's Series and SOP Instance UIDs; the same seed gives the same UIDs
 *     (see {@link StableUids}), so give each run of a model on a series its own seed
 * @param contentLabel Content Label (CS: upper case, digits, underscore, at most 16 characters)
 * @param algorithm the algorithm that produced the segments, or null for hand-drawn (MANUAL) ones
 */
public record SegOptions(
    String uidSeed,
    int seriesNumber,
    String seriesDescription,
    String contentLabel,
    String contentDescription,
    String contentCreator,
    Algorithm algorithm) {

  /** Name and version of an AUTOMATIC segmentation algorithm, e.g. a model and its version. */
  public record Algorithm(String name, String version) {}

  public SegOptions {
    if (!contentLabel.matches("[A-Z0-9_ ]{1,16}")) {
      throw new IllegalArgumentException(
          "content label expected as 1-16 of A-Z, 0-9, space, underscore; found '"
              + contentLabel
              + "'");
    }
  }

  /** Defaults for a SEG written by SegNode's own algorithm named "SegNode". */
  public static SegOptions defaults(String uidSeed) {
    return new SegOptions(
        uidSeed,
        300,
        "SegNode segmentation",
        "SEGMENTATION",
        "",
        "SegNode^Automatic",
        new Algorithm("SegNode", "0"));
  }

  public String algorithmType() {
    return algorithm == null ? "MANUAL" : "AUTOMATIC";
  }

  public SegOptions withAlgorithm(String name, String version) {
    return new SegOptions(
        uidSeed,
        seriesNumber,
        seriesDescription,
        contentLabel,
        contentDescription,
        contentCreator,
        new Algorithm(name, version));
  }

  /** Segments drawn by a person: no algorithm identification, creator left empty. */
  public SegOptions manual() {
    return new SegOptions(
        uidSeed, seriesNumber, seriesDescription, contentLabel, contentDescription, "", null);
  }

  public SegOptions withSeries(int number, String description) {
    return new SegOptions(
        uidSeed, number, description, contentLabel, contentDescription, contentCreator, algorithm);
  }

  public SegOptions withContent(String label, String description) {
    return new SegOptions(
        uidSeed, seriesNumber, seriesDescription, label, description, contentCreator, algorithm);
  }
}
