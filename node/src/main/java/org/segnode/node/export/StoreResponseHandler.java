package org.segnode.node.export;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.CompositeResponseHandler;

/** Keeps the C-STORE-RSP status and error comment, which PixelMed's own handler only logs. */
public final class StoreResponseHandler extends CompositeResponseHandler {
  private String errorComment = "";

  @Override
  protected void evaluateStatusAndSetSuccess(AttributeList list) {
    status = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Status, 0xFFFF);
    errorComment = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.ErrorComment);
    success = isSuccessOrWarning(status);
  }

  public String errorComment() {
    return errorComment;
  }

  /** 0x0000 Success; 0x0001 and 0xBxxx are warnings, stored by the peer (PS3.7 C.4.1.1.4). */
  static boolean isSuccessOrWarning(int status) {
    return status == 0x0000 || status == 0x0001 || (status & 0xF000) == 0xB000;
  }
}
