package org.segnode.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;

/**
 * One validated instance: its attributes without Pixel Data, its pixel module and its stored pixel
 * values (all frames, see {@link PixelDecoder}).
 */
record DicomInstance(
    Path file, String transferSyntaxUid, AttributeList header, PixelModule pixels, int[] stored) {

  String sopClassUid() {
    return text(TagFromName.SOPClassUID);
  }

  String sopInstanceUid() {
    return text(TagFromName.SOPInstanceUID);
  }

  String seriesInstanceUid() {
    return text(TagFromName.SeriesInstanceUID);
  }

  SourceSlice source(int frameNumber) {
    return new SourceSlice(sopClassUid(), sopInstanceUid(), frameNumber, file);
  }

  private String text(AttributeTag tag) {
    return Attribute.getSingleStringValueOrEmptyString(header, tag).trim();
  }
}
