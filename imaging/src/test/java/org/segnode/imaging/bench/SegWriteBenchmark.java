package org.segnode.imaging.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.DicomSeriesReader;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.labels.LabelResampler;
import org.segnode.imaging.labels.PngMaskFolder;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.seg.SegOptions;
import org.segnode.imaging.seg.SegWriter;
import org.segnode.imaging.seg.SegmentDefinition;
import org.segnode.imaging.volume.LabelVolume;

/**
 * Times SegWriter.write (build + encode + write to disk) for the CHAOS CT case (78 x 512 x 512, one
 * segment) and CHAOS MR patient 2 converted to DICOM (31 x 256 x 256, four segments). A benchmark,
 * not a test: run it on a quiet machine with scripts/benchmark-seg.sh and copy the printed lines
 * into docs/benchmarks.md.
 */
public final class SegWriteBenchmark {
  private static final int RUNS = 7;

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    Path tmp = Files.createTempDirectory("segbench");
    DicomSeries ct = new DicomSeriesReader().read(data.resolve("chaos-ct-sample/case1/DICOM_anon"));
    LabelVolume liver =
        PngMaskFolder.read(
            data.resolve("chaos-ct-sample/case1/Ground"),
            ct.volume().grid(),
            1,
            ct.sliceOfFileInNameOrder());
    time("CHAOS CT case1, 78 x 512 x 512, 1 segment", ct, liver, tmp);
    Path mrDir = tmp.resolve("mr2");
    new DicomSeriesWriter()
        .write(
            NiftiReader.readImage(data.resolve("chaos-t2spir/2/image_2.nii.gz")),
            mrDir,
            DicomSeriesWriter.Options.withSeed("bench"));
    DicomSeries mr = new DicomSeriesReader().read(mrDir);
    LabelVolume organs =
        LabelResampler.toGrid(
            NiftiReader.readLabels(data.resolve("chaos-t2spir/2/label_2.nii.gz")),
            mr.volume().grid());
    time("CHAOS MR patient 2, 31 x 256 x 256, 4 segments", mr, organs, tmp);
  }

  private static void time(String name, DicomSeries source, LabelVolume labels, Path tmp)
      throws Exception {
    List<SegmentDefinition> segments =
        IntStream.of(labels.presentLabels()).mapToObj(SegmentDefinition::forLabel).toList();
    double[] ms = new double[RUNS];
    Path out = tmp.resolve("seg.dcm");
    for (int run = 0; run < RUNS; run++) {
      long t0 = System.nanoTime();
      SegWriter.write(source, labels, segments, SegOptions.defaults("bench" + run), out);
      ms[run] = (System.nanoTime() - t0) / 1e6;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d runs | median %.0f ms | min %.0f ms | first %.0f ms" + " | %d KB |%n",
        name,
        RUNS,
        sorted[RUNS / 2],
        sorted[0],
        ms[0],
        Files.size(out) / 1024);
  }
}
