package org.segnode.imaging.cli;

import java.nio.file.Path;
import java.util.List;
import org.segnode.cli.CliCommand;
import org.segnode.imaging.dicom.DicomSeriesWriter;
import org.segnode.imaging.nifti.NiftiReader;
import org.segnode.imaging.volume.ImageVolume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Turns a NIfTI volume into a realistic single-frame MR series, as test and demo input. */
@Command(
    name = "dicom-from-nifti",
    mixinStandardHelpOptions = true,
    description = {
      "Write a NIfTI image as a DICOM MR series.",
      "One 16-bit MR Image Storage file per slice, with consistent UIDs and the NIfTI geometry,"
          + " e.g. to turn the CHAOS T2-SPIR volumes into DICOM input. The same input and seed"
          + " give the same UIDs."
    })
public final class DicomFromNiftiCommand implements CliCommand {
  @Option(names = "--image", required = true, paramLabel = "NII", description = "NIfTI image")
  Path image;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(names = "--patient-name", description = "Patient's Name (default: synthetic)")
  String patientName;

  @Option(names = "--patient-id", description = "Patient ID (default: synthetic)")
  String patientId;

  @Option(names = "--series-description", description = "Series Description")
  String seriesDescription;

  @Option(names = "--seed", description = "seed of every UID (default: the image's file name)")
  String seed;

  @Override
  public Integer call() throws Exception {
    ImageVolume volume = NiftiReader.readImage(image);
    DicomSeriesWriter.Options defaults =
        DicomSeriesWriter.Options.withSeed(seed != null ? seed : image.getFileName().toString());
    DicomSeriesWriter.Options options =
        new DicomSeriesWriter.Options(
            patientName != null ? patientName : defaults.patientName(),
            patientId != null ? patientId : defaults.patientId(),
            defaults.studyDescription(),
            seriesDescription != null ? seriesDescription : defaults.seriesDescription(),
            defaults.seed());
    List<Path> files = new DicomSeriesWriter().write(volume, out, options);
    System.out.printf("wrote %d instances to %s%n", files.size(), out);
    return 0;
  }
}
