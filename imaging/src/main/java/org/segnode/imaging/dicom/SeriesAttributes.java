package org.segnode.imaging.dicom;

import static org.segnode.imaging.dicom.DicomSeriesWriter.ds;
import static org.segnode.imaging.dicom.DicomSeriesWriter.put;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import org.segnode.imaging.volume.Grid;
import org.segnode.imaging.volume.ImageVolume;

/**
 * The attributes every slice of a written series shares: patient, study, series, frame of
 * reference, equipment, image plane (except position), pixel module and the MR Image module's type
 * 1 and 2 attributes. Acquisition parameters are unknown for a converted volume, so type 2 ones are
 * present but empty and type 1 ones take the values the standard defines for "research" or "none"
 * (Scanning Sequence RM, Sequence Variant NONE).
 */
final class SeriesAttributes {
  private SeriesAttributes() {}

  static void addCommon(
      AttributeList list, ImageVolume volume, PixelEncoding enc, DicomSeriesWriter.Options o)
      throws DicomException {
    put(list, TagFromName.SpecificCharacterSet, "ISO_IR 192");
    addPatientAndStudy(list, o);
    addSeries(list, o);
    addImagePlane(list, volume.grid());
    addPixelModule(list, volume, enc);
    addMrImage(list);
  }

  private static void addPatientAndStudy(AttributeList list, DicomSeriesWriter.Options o)
      throws DicomException {
    put(list, TagFromName.PatientName, o.patientName());
    put(list, TagFromName.PatientID, o.patientId());
    put(list, TagFromName.PatientBirthDate);
    put(list, TagFromName.PatientSex);
    put(list, TagFromName.StudyInstanceUID, StableUids.of(o.seed(), "study"));
    put(list, TagFromName.StudyDate);
    put(list, TagFromName.StudyTime);
    put(list, TagFromName.ReferringPhysicianName);
    put(list, TagFromName.StudyID, "1");
    put(list, TagFromName.AccessionNumber);
    put(list, TagFromName.StudyDescription, o.studyDescription());
  }

  private static void addSeries(AttributeList list, DicomSeriesWriter.Options o)
      throws DicomException {
    put(list, TagFromName.Modality, "MR");
    put(list, TagFromName.SeriesInstanceUID, StableUids.of(o.seed(), "series"));
    put(list, TagFromName.SeriesNumber, "1");
    put(list, TagFromName.Laterality);
    put(list, TagFromName.PatientPosition);
    put(list, TagFromName.SeriesDescription, o.seriesDescription());
    put(list, TagFromName.FrameOfReferenceUID, StableUids.of(o.seed(), "frame-of-reference"));
    put(list, TagFromName.PositionReferenceIndicator);
    put(list, TagFromName.Manufacturer, "SegNode");
    put(list, TagFromName.ImageType, "DERIVED", "SECONDARY", "OTHER");
    put(list, TagFromName.ContentDate);
    put(list, TagFromName.ContentTime);
    put(list, TagFromName.PatientOrientation);
  }

  private static void addImagePlane(AttributeList list, Grid g) throws DicomException {
    double[] r = g.rowDir();
    double[] c = g.colDir();
    put(list, TagFromName.ImageOrientationPatient, ds(r[0], r[1], r[2], c[0], c[1], c[2]));
    put(list, TagFromName.PixelSpacing, ds(g.dy(), g.dx()));
    put(list, TagFromName.SliceThickness, ds(g.dz()));
    put(list, TagFromName.SpacingBetweenSlices, ds(g.dz()));
  }

  private static void addPixelModule(AttributeList list, ImageVolume volume, PixelEncoding enc)
      throws DicomException {
    put(list, TagFromName.SamplesPerPixel, "1");
    put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
    put(list, TagFromName.Rows, Integer.toString(volume.grid().ny()));
    put(list, TagFromName.Columns, Integer.toString(volume.grid().nx()));
    put(list, TagFromName.BitsAllocated, "16");
    put(list, TagFromName.BitsStored, "16");
    put(list, TagFromName.HighBit, "15");
    put(list, TagFromName.PixelRepresentation, enc.signed() ? "1" : "0");
    put(list, TagFromName.RescaleIntercept, DecimalStrings.format(enc.intercept()));
    put(list, TagFromName.RescaleSlope, DecimalStrings.format(enc.slope()));
    put(list, TagFromName.RescaleType, "US");
    addWindow(list, volume.voxels());
  }

  /** A window spanning the whole value range, so viewers open the series readably. */
  private static void addWindow(AttributeList list, float[] voxels) throws DicomException {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : voxels) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    put(list, TagFromName.WindowCenter, DecimalStrings.format((min + max) / 2));
    put(list, TagFromName.WindowWidth, DecimalStrings.format(Math.max(max - min, 1)));
  }

  private static void addMrImage(AttributeList list) throws DicomException {
    put(list, tag("ScanningSequence"), "RM");
    put(list, tag("SequenceVariant"), "NONE");
    put(list, tag("ScanOptions"));
    put(list, TagFromName.MRAcquisitionType);
    put(list, tag("RepetitionTime"));
    put(list, tag("EchoTime"));
    put(list, TagFromName.EchoTrainLength);
  }

  private static AttributeTag tag(String keyword) {
    return AttributeList.getDictionary().getTagFromName(keyword);
  }
}
