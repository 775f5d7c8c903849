package org.segnode.imaging.dicom;

import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one DICOM image series (classic single-frame slices or enhanced multi-frame objects) into
 * an {@link ImageVolume} in SegNode's geometry convention.
 *
 * <p>Slices are ordered by position along {@code rowDir x colDir}, so slice 0 is the one furthest
 * back along the normal and the grid's {@code sliceDir} is always that normal. Values are stored
 * values times Rescale Slope plus Rescale Intercept; MONOCHROME1 images are inverted first so that
 * higher always means brighter. Input that is not one regular stack (several series, orientations,
 * matrices or pixel spacings, repeated positions, gaps, sheared stacks) is refused with a {@link
 * DicomReadException} naming the offending instance.
 *
 * <p><b>Colour.</b> RGB, YBR_FULL and YBR_FULL_422 images (as PixelMed decodes them: JPEG YBR
 * arrives as RGB) are read as their Rec. 601 luminance {@code 0.299 R + 0.587 G + 0.114 B}, rounded
 * to an integer, and flagged {@link DicomSeries.Caveat#COLOUR_CONVERTED_TO_GREY}. Palette and other
 * colour models are refused.
 *
 * <p><b>Images without patient geometry</b> (secondary capture, ultrasound, XA, stripped enhanced
 * objects: neither Image Position nor Image Orientation (Patient)) are read on an assumed grid and
 * flagged {@link DicomSeries.Caveat#GEOMETRY_ASSUMED}; the SEG writer refuses such a series. The
 * assumption: rows along (1,0,0), columns along (0,1,0), origin (0,0,0); pixel spacing from Pixel
 * Spacing, else Imager Pixel Spacing, else 1 mm; slices (the frames of a multi-frame instance, or
 * single-frame instances ordered by Instance Number then file name, the only order there is without
 * positions) stacked along +z at Spacing Between Slices, else Slice Thickness, else 1 mm. A series
 * mixing instances with and without patient geometry is refused.
 */
public final class DicomSeriesReader {
  private static final Logger LOG = LoggerFactory.getLogger(DicomSeriesReader.class);

  /**
   * Whether instances in this transfer syntax can be read. The node's Store SCP accepts only these,
   * so nothing is stored that the segmentation job could not read.
   */
  public static boolean canDecode(String transferSyntaxUid) {
    return TransferSyntaxes.isDecodable(transferSyntaxUid);
  }

  /** Reads all regular files in a directory (not its subdirectories), or a single file. */
  public DicomSeries read(Path dirOrFile) throws DicomReadException {
    if (!Files.isDirectory(dirOrFile)) {
      return read(List.of(dirOrFile));
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dirOrFile)) {
      files = listing.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new DicomReadException(dirOrFile, "cannot list directory: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new DicomReadException(dirOrFile, "expected DICOM files in directory, found none");
    }
    return read(files);
  }

  /** Reads the given files as one series, in whatever order they are listed. */
  public DicomSeries read(List<Path> files) throws DicomReadException {
    if (files.isEmpty()) {
      throw new DicomReadException((Path) null, "expected at least one file, found none");
    }
    List<SliceCandidate> candidates = new ArrayList<>();
    List<DicomInstance> instances = new ArrayList<>();
    for (Path file : files) {
      DicomInstance instance = InstanceReader.read(file);
      instances.add(instance);
      List<FrameGeometry> frames = ImagePlanes.of(instance);
      boolean multiFrame =
          instance.header().get(TagFromName.PerFrameFunctionalGroupsSequence) != null
              || instance.pixels().frames() > 1;
      for (int f = 0; f < frames.size(); f++) {
        candidates.add(SliceCandidate.of(instance, frames.get(f), f, multiFrame));
      }
    }
    StackBuilder.Stack stack = StackBuilder.build(candidates);
    DicomSeries series = assemble(stack, instances);
    LOG.debug("series of {} file(s): {} {}", files.size(), stack.grid(), series.caveats());
    if (series.geometryAssumed()) {
      LOG.debug("no Image Position/Orientation (Patient): assumed grid {}", stack.grid());
    }
    return series;
  }

  private static DicomSeries assemble(StackBuilder.Stack stack, List<DicomInstance> instances) {
    Grid grid = stack.grid();
    float[] voxels = new float[grid.voxelCount()];
    List<SourceSlice> sources = new ArrayList<>();
    for (int k = 0; k < grid.nz(); k++) {
      SliceCandidate c = stack.slices().get(k);
      System.arraycopy(c.values(), 0, voxels, k * grid.sliceSize(), grid.sliceSize());
      sources.add(c.source());
    }
    SliceCandidate first = stack.slices().get(0);
    DicomInstance firstInstance =
        instances.stream().filter(i -> i.file().equals(first.source().file())).findFirst().get();
    double thickness = first.geometry().thickness();
    return new DicomSeries(
        new ImageVolume(grid, voxels),
        sources,
        firstInstance.header(),
        thickness > 0 ? thickness : grid.dz(),
        caveats(first, instances));
  }

  private static Set<DicomSeries.Caveat> caveats(SliceCandidate first, List<DicomInstance> all) {
    Set<DicomSeries.Caveat> caveats = EnumSet.noneOf(DicomSeries.Caveat.class);
    if (first.geometry().assumed()) {
      caveats.add(DicomSeries.Caveat.GEOMETRY_ASSUMED);
    }
    if (all.stream().anyMatch(i -> i.pixels().isColour())) {
      caveats.add(DicomSeries.Caveat.COLOUR_CONVERTED_TO_GREY);
    }
    return caveats;
  }
}
