package org.ddlm.plugin.denoise;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;

/** 64x64 centre crops of the full-dose abdomen sample, clean or with white noise: the network runs in milliseconds. */
public final class Crops {
    public static final int SIDE = 64;
    private static List<HuImage> clean;

    private Crops() {
    }

    public static synchronized List<HuImage> clean() throws Exception {
        if (clean == null) {
            Path root = Path.of(System.getProperty("ddlm.root", "..")).resolve("sample-scans/abdomen-ge-lightspeed16");
            CtStack stack = new SeriesScanner().scan(root.resolve("full-dose")).requireStacks().get(0);
            List<HuImage> out = new ArrayList<>();
            for (int i = 0; i < stack.size(); i++) {
                out.add(centre(stack.slices().get(i).loadHu()));
            }
            clean = List.copyOf(out);
        }
        return clean;
    }

    private static HuImage centre(HuImage image) {
        float[] out = new float[SIDE * SIDE];
        int x0 = (image.width() - SIDE) / 2;
        int y0 = (image.height() - SIDE) / 2;
        for (int y = 0; y < SIDE; y++) {
            System.arraycopy(image.hu(), (y0 + y) * image.width() + x0, out, y * SIDE, SIDE);
        }
        return new HuImage(SIDE, SIDE, out);
    }

    /** Crop k (cycling over the six) with white Gaussian noise of sigmaHu[k] added (fixed seed). */
    public static List<HuImage> noisy(double... sigmaHu) throws Exception {
        Random r = new Random(42);
        List<HuImage> out = new ArrayList<>();
        for (int k = 0; k < sigmaHu.length; k++) {
            float[] hu = clean().get(k % clean().size()).hu().clone();
            for (int i = 0; i < hu.length; i++) {
                hu[i] += (float) (sigmaHu[k] * r.nextGaussian());
            }
            out.add(new HuImage(SIDE, SIDE, hu));
        }
        return out;
    }

    public static double rmse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s / a.length);
    }
}
