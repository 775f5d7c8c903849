package org.segnode.imaging.seg;

import static org.segnode.imaging.seg.Attrs.put;
import static org.segnode.imaging.seg.Attrs.putCode;
import static org.segnode.imaging.seg.Attrs.putCodeSequence;
import static org.segnode.imaging.seg.Attrs.putString;
import static org.segnode.imaging.seg.Attrs.putUs;
import static org.segnode.imaging.seg.Attrs.sequence;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segnode.imaging.dicom.DicomSeries;
import org.segnode.imaging.dicom.SourceSlice;
import org.segnode.imaging.dicom.StableUids;

/** The SEG's modules other than the frames: patient, study, series, equipment, segments. */
final class SegHeader {
  static final String SOFTWARE_VERSION = "0.1.0";
  private static final Code ARTIFICIAL_INTELLIGENCE = Code.dcm("123110", "Artificial Intelligence");

  /**
   * Copied when present; the type 2 ones among them are written empty when the source lacks them.
   */
  private static final AttributeTag[] COPIED = {
    TagFromName.SpecificCharacterSet,
    TagFromName.PatientName,
    TagFromName.PatientID,
    TagFromName.IssuerOfPatientID,
    TagFromName.PatientBirthDate,
    TagFromName.PatientSex,
    TagFromName.PatientAge,
    TagFromName.PatientIdentityRemoved,
    TagFromName.DeidentificationMethod,
    TagFromName.StudyInstanceUID,
    TagFromName.StudyDate,
    TagFromName.StudyTime,
    TagFromName.ReferringPhysicianName,
    TagFromName.StudyID,
    TagFromName.AccessionNumber,
    TagFromName.StudyDescription,
    TagFromName.FrameOfReferenceUID,
    TagFromName.PositionReferenceIndicator,
  };

  private static final AttributeTag[] TYPE2 = {
    TagFromName.PatientName,
    TagFromName.PatientID,
    TagFromName.PatientBirthDate,
    TagFromName.PatientSex,
    TagFromName.StudyDate,
    TagFromName.StudyTime,
    TagFromName.ReferringPhysicianName,
    TagFromName.StudyID,
    TagFromName.AccessionNumber,
    TagFromName.PositionReferenceIndicator,
  };

  private SegHeader() {}

  static void addPatientAndStudy(AttributeList list, AttributeList source) {
    for (AttributeTag tag : COPIED) {
      Attribute a = source.get(tag);
      if (a != null) {
        list.put(a);
      }
    }
    for (AttributeTag tag : TYPE2) {
      if (list.get(tag) == null) {
        putString(list, tag);
      }
    }
    requirePresent(list, TagFromName.StudyInstanceUID);
    requirePresent(list, TagFromName.FrameOfReferenceUID);
  }

  private static void requirePresent(AttributeList list, AttributeTag tag) {
    if (Attribute.getSingleStringValueOrEmptyString(list, tag).isEmpty()) {
      throw new IllegalArgumentException(
          "source series expected to carry "
              + list.getDictionary().getNameFromTag(tag)
              + ", found none");
    }
  }

  static void addSeriesAndEquipment(
      AttributeList list, DicomSeries source, SegOptions options, LocalDateTime now) {
    String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
    String time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
    putString(list, TagFromName.SOPClassUID, SegWriter.SEGMENTATION_STORAGE);
    putString(list, TagFromName.SOPInstanceUID, StableUids.of(options.uidSeed(), "sop"));
    putString(list, TagFromName.InstanceCreationDate, date);
    putString(list, TagFromName.InstanceCreationTime, time);
    putCode(list, TagFromName.Modality, "SEG");
    putString(list, TagFromName.SeriesInstanceUID, StableUids.of(options.uidSeed(), "series"));
    putString(list, TagFromName.SeriesNumber, Integer.toString(options.seriesNumber()));
    putString(list, TagFromName.SeriesDescription, options.seriesDescription());
    putString(list, TagFromName.SeriesDate, date);
    putString(list, TagFromName.SeriesTime, time);
    putString(list, TagFromName.Manufacturer, "SegNode");
    putString(list, TagFromName.ManufacturerModelName, "SegNode");
    putString(list, TagFromName.DeviceSerialNumber, "1");
    putString(list, TagFromName.SoftwareVersions, SOFTWARE_VERSION);
    putString(list, TagFromName.InstanceNumber, "1");
    putString(list, TagFromName.ContentDate, date);
    putString(list, TagFromName.ContentTime, time);
  }

  static void addSegmentationImage(
      AttributeList list,
      DicomSeries source,
      List<SegmentDefinition> segments,
      SegOptions options,
      LocalDateTime now) {
    put(list, new CodeStringAttribute(TagFromName.ImageType), "DERIVED", "PRIMARY");
    putCode(list, TagFromName.ContentLabel, options.contentLabel());
    putString(list, TagFromName.ContentDescription, options.contentDescription());
    putString(list, TagFromName.ContentCreatorName, options.contentCreator());
    putUs(list, TagFromName.SamplesPerPixel, 1);
    putCode(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
    putUs(list, TagFromName.Rows, source.volume().grid().ny());
    putUs(list, TagFromName.Columns, source.volume().grid().nx());
    putUs(list, TagFromName.BitsAllocated, 1);
    putUs(list, TagFromName.BitsStored, 1);
    putUs(list, TagFromName.HighBit, 0);
    putUs(list, TagFromName.PixelRepresentation, 0);
    putCode(list, TagFromName.LossyImageCompression, "00");
    putCode(list, TagFromName.SegmentationType, "BINARY");
    AttributeList[] items =
        segments.stream().map(s -> segmentItem(s, options)).toArray(AttributeList[]::new);
    sequence(list, TagFromName.SegmentSequence, items);
  }

  private static AttributeList segmentItem(SegmentDefinition segment, SegOptions options) {
    AttributeList item = new AttributeList();
    putUs(item, TagFromName.SegmentNumber, segment.number());
    putString(item, TagFromName.SegmentLabel, segment.label());
    putCodeSequence(item, TagFromName.SegmentedPropertyCategoryCodeSequence, segment.category());
    putCodeSequence(item, TagFromName.SegmentedPropertyTypeCodeSequence, segment.type());
    putCode(item, TagFromName.SegmentAlgorithmType, options.algorithmType());
    if (options.algorithm() != null) {
      putLongString(item, Attrs.SEGMENT_ALGORITHM_NAME, options.algorithm().name());
      sequence(item, Attrs.SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE, algorithmItem(options));
    }
    putUs(item, TagFromName.RecommendedDisplayCIELabValue, CieLab.fromRgb(segment.rgb()));
    return item;
  }

  private static AttributeList algorithmItem(SegOptions options) {
    AttributeList item = new AttributeList();
    putCodeSequence(item, Attrs.ALGORITHM_FAMILY_CODE_SEQUENCE, ARTIFICIAL_INTELLIGENCE);
    putLongString(item, Attrs.ALGORITHM_NAME, options.algorithm().name());
    putLongString(item, Attrs.ALGORITHM_VERSION, options.algorithm().version());
    return item;
  }

  /** Long strings for tags PixelMed's dictionary lacks, so their VR must be given. */
  private static void putLongString(AttributeList list, AttributeTag tag, String value) {
    put(list, new com.pixelmed.dicom.LongStringAttribute(tag), value);
  }

  /** Common Instance Reference: every source instance, once, under its series. */
  static void addCommonInstanceReference(AttributeList list, DicomSeries source) {
    Map<String, String> instances = new LinkedHashMap<>();
    for (SourceSlice s : source.slices()) {
      instances.putIfAbsent(s.sopInstanceUid(), s.sopClassUid());
    }
    AttributeList[] refs =
        instances.entrySet().stream()
            .map(e -> instanceRef(e.getValue(), e.getKey()))
            .toArray(AttributeList[]::new);
    AttributeList series = new AttributeList();
    putString(series, TagFromName.SeriesInstanceUID, source.seriesInstanceUid());
    sequence(series, TagFromName.ReferencedInstanceSequence, refs);
    sequence(list, TagFromName.ReferencedSeriesSequence, series);
  }

  static AttributeList instanceRef(String sopClassUid, String sopInstanceUid) {
    AttributeList ref = new AttributeList();
    putString(ref, TagFromName.ReferencedSOPClassUID, sopClassUid);
    putString(ref, TagFromName.ReferencedSOPInstanceUID, sopInstanceUid);
    return ref;
  }
}
