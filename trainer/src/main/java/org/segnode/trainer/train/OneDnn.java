package org.segnode.trainer.train;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches on DL4J's oneDNN layer helpers, which 1.0.0-M2.1 leaves off; together with the
 * forwarding class {@code org.nd4j.nativeblas.Nd4jCpu} this makes them work (a workaround, see
 * there). Call it before networks are created or restored: helpers are made with the layers. {@code
 * -Dsegnode.onednn=false} keeps them off, to measure the difference.
 */
public final class OneDnn {
  private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);

  static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  private OneDnn() {}

  /** Returns whether the helpers are on. */
  public static boolean enable() {
    boolean wanted = !"false".equals(System.getProperty("segnode.onednn"));
    // DL4J's HelperUtils reads this property (default "true") each time a layer is created.
    System.setProperty(DISABLE_PROPERTY, Boolean.toString(!wanted));
    Nd4j.getEnvironment().allowHelpers(wanted);
    boolean onednn = org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    LOG.info("oneDNN layer helpers {}, native oneDNN {}", wanted ? "allowed" : "off", onednn);
    return wanted && onednn;
  }
}
