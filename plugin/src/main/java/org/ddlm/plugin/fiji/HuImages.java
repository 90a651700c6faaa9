package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;

/** Converts between HU images and ImageJ images. */
final class HuImages {
    private HuImages() {
    }

    /**
     * A 32-bit stack of HU values ({@code slices} in stack order) (no calibration function needed), with the source's pixel size and slice step in
     * mm, slice labels naming the source files, the abdomen window, and its source series recorded for later
     * commands.
     */
    static ImagePlus create(String title, DicomSources.Source src, List<float[]> slices, String info) {
        CtStack source = src.stack();
        CtSlice first = source.first();
        ImageStack stack = new ImageStack(first.cols(), first.rows());
        // In the order of the input image (ImageJ's DICOM import sorts by file name, the series by position).
        StringBuilder order = new StringBuilder();
        for (int k : src.stackIndex()) {
            stack.addSlice(source.slices().get(k).path().getFileName().toString(),
                    new FloatProcessor(first.cols(), first.rows(), slices.get(k)));
            order.append(order.length() == 0 ? "" : ",").append(k);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        Calibration cal = imp.getCalibration();
        double[] ps = first.pixelSpacing();
        cal.setUnit("mm");
        cal.pixelHeight = ps[0];
        cal.pixelWidth = ps[1];
        cal.pixelDepth = source.size() > 1 ? Math.abs(source.medianStep()) : cal.pixelDepth;
        cal.setValueUnit("HU");
        imp.setDisplayRange(-150, 250);
        imp.setProperty("Info", info);
        imp.setProperty(DicomSources.SOURCE_FOLDER, src.folder().toAbsolutePath().toString());
        imp.setProperty(DicomSources.SOURCE_ORDER, order.toString());
        imp.setProperty(DicomSources.SOURCE_SERIES, source.seriesInstanceUid());
        return imp;
    }

    /** One slice (1-based) of any image in HU: calibrated values (DICOM import) or the raw 32-bit ones. */
    static HuImage hu(ImagePlus imp, int slice) {
        ImageProcessor ip = imp.getStack().getProcessor(slice);
        Calibration cal = imp.getCalibration();
        int n = ip.getPixelCount();
        float[] out = new float[n];
        boolean calibrated = !(ip instanceof FloatProcessor) && cal.calibrated();
        for (int i = 0; i < n; i++) {
            out[i] = calibrated ? (float) cal.getCValue(ip.get(i)) : ip.getf(i);
        }
        return new HuImage(ip.getWidth(), ip.getHeight(), out);
    }
}
