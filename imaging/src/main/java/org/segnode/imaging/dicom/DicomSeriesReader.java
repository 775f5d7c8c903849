package org.segnode.imaging.dicom;

import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * higher always means brighter. Only grey (MONOCHROME1/2) images are read. Input that is not one
 * regular stack (several series, orientations, matrices or pixel spacings, repeated positions,
 * gaps, sheared stacks) is refused with a {@link DicomReadException} naming the offending instance.
 */
public final class DicomSeriesReader {
  private static final Logger LOG = LoggerFactory.getLogger(DicomSeriesReader.class);

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
          instance.header().get(TagFromName.PerFrameFunctionalGroupsSequence) != null;
      for (int f = 0; f < frames.size(); f++) {
        candidates.add(SliceCandidate.of(instance, frames.get(f), f, multiFrame));
      }
    }
    StackBuilder.Stack stack = StackBuilder.build(candidates);
    LOG.debug("series of {} file(s): {}", files.size(), stack.grid());
    return assemble(stack, instances);
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
        thickness > 0 ? thickness : grid.dz());
  }
}
