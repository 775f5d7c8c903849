package org.segnode.node.dicom;

import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers each proposed presentation context (PS3.8 Table 9-18 result codes): Verification and the
 * configured storage SOP classes are accepted with one transfer syntax chosen by {@link
 * TransferSyntaxes}; other abstract syntaxes are refused with reason 3, contexts offering no syntax
 * we take with reason 4. Unsupported SOP classes are thus refused at negotiation.
 */
final class StorePolicy implements PresentationContextSelectionPolicy {
  static final String VERIFICATION = "1.2.840.10008.1.1";
  private static final byte ACCEPTANCE = 0;
  private static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
  private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

  /** An accepted context: the SOP class it carries and the transfer syntax we chose. */
  record Accepted(String sopClassUid, String transferSyntaxUid) {}

  private final Set<String> storageSopClasses;
  private final Map<Byte, Accepted> accepted = new ConcurrentHashMap<>();

  /** One policy per association: it remembers what it accepted for that association. */
  StorePolicy(Set<String> storageSopClasses) {
    this.storageSopClasses = storageSopClasses;
  }

  Map<Byte, Accepted> accepted() {
    return accepted;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public LinkedList applyPresentationContextSelectionPolicy(LinkedList proposed, int association) {
    for (Object item : proposed) {
      answer((PresentationContext) item);
    }
    return proposed;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public LinkedList applyPresentationContextSelectionPolicy(
      LinkedList proposed, int association, int debugLevel) {
    return applyPresentationContextSelectionPolicy(proposed, association);
  }

  private void answer(PresentationContext pc) {
    String abstractSyntax = pc.getAbstractSyntaxUID();
    List<String> preference;
    if (VERIFICATION.equals(abstractSyntax)) {
      preference = TransferSyntaxes.VERIFICATION_PREFERENCE;
    } else if (storageSopClasses.contains(abstractSyntax)) {
      preference = TransferSyntaxes.STORAGE_PREFERENCE;
    } else {
      result(pc, ABSTRACT_SYNTAX_NOT_SUPPORTED, TransferSyntaxes.IMPLICIT_VR_LE);
      return;
    }
    List<?> offered = pc.getTransferSyntaxUIDs();
    for (String syntax : preference) {
      if (offered.contains(syntax)) {
        accepted.put(pc.getIdentifier(), new Accepted(abstractSyntax, syntax));
        result(pc, ACCEPTANCE, syntax);
        return;
      }
    }
    result(pc, TRANSFER_SYNTAXES_NOT_SUPPORTED, TransferSyntaxes.IMPLICIT_VR_LE);
  }

  /**
   * Sets the answer in place: PixelMed's acceptor encodes the list it passed in, not the one
   * returned. A rejected context still names one transfer syntax; PS3.8 says the peer ignores it.
   */
  private static void result(PresentationContext pc, byte reason, String syntax) {
    pc.setResultReason(reason);
    pc.newTransferSyntaxUIDs();
    pc.addTransferSyntaxUID(syntax);
  }
}
