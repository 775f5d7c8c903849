package org.segnode.imaging.dicom;

/**
 * Placement and value transformation of one frame.
 *
 * @param position Image Position (Patient): centre of the first transmitted pixel, LPS mm; (0,0,0)
 *     for assumed geometry, where only the order of frames places them (see {@link StackBuilder})
 * @param rowDir first Image Orientation (Patient) triplet
 * @param colDir second Image Orientation (Patient) triplet
 * @param dx spacing between columns (Pixel Spacing[1])
 * @param dy spacing between rows (Pixel Spacing[0])
 * @param thickness Slice Thickness, NaN when absent
 * @param spacingBetweenSlices Spacing Between Slices, NaN when absent
 * @param assumed the source has no Image Position/Orientation (Patient); the orientation is the
 *     identity and the pixel spacing the best the source offers (see {@link DicomSeriesReader})
 */
record FrameGeometry(
    double[] position,
    double[] rowDir,
    double[] colDir,
    double dx,
    double dy,
    double thickness,
    double spacingBetweenSlices,
    double slope,
    double intercept,
    boolean assumed) {}
