package org.ddlm.plugin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.validation.pairing.StackPairing;
import org.ddlm.validation.report.ReportException;
import org.ddlm.validation.report.SliceImage;
import org.ddlm.validation.report.SlicePair;

/**
 * Reads a bundled sample: {@value #LOW_DOSE} (input) and {@value #FULL_DOSE} (reference), paired by position
 * along the slice normal with the validation module's {@link StackPairing}.
 */
public final class SampleLoader {
    public static final String LOW_DOSE = "sim-25pct-dose";
    public static final String FULL_DOSE = "full-dose";

    private SampleLoader() {
    }

    /**
     * A loaded sample: its slice pairs and each low-dose slice's thickness (mm, the series' median when a slice
     * gives none, NaN when none does), which the noise estimate's normal-dose floor is scaled to as in
     * {@code ddlm denoise}.
     */
    public record Sample(List<BenchSlice> slices, double[] sliceThicknessMm) {
        public Sample {
            if (sliceThicknessMm.length != slices.size()) {
                throw new IllegalArgumentException(sliceThicknessMm.length + " thicknesses for " + slices.size()
                        + " slices");
            }
        }

        /** The same sample with each slice cropped to its central size x size region (or less). */
        public Sample crop(int size) {
            return new Sample(slices.stream().map(x -> x.crop(Math.min(size, x.low().width()),
                    Math.min(size, x.low().height()))).toList(), sliceThicknessMm);
        }
    }

    /** The first {@code maxSlices} pairs of the sample (all when maxSlices &lt;= 0). */
    public static Sample load(Path sample, int maxSlices) throws BenchException {
        Path low = sample.resolve(LOW_DOSE);
        Path full = sample.resolve(FULL_DOSE);
        if (!Files.isDirectory(low) || !Files.isDirectory(full)) {
            throw new BenchException(sample + ": a sample folder needs " + LOW_DOSE + "/ and " + FULL_DOSE + "/");
        }
        String name = sample.toAbsolutePath().normalize().getFileName().toString();
        try {
            CtStack lowStack = single(low);
            StackPairing pairing = StackPairing.pair(lowStack, single(full), null, StackPairing.DEFAULT_TOLERANCE_MM);
            int n = maxSlices <= 0 ? pairing.size() : Math.min(maxSlices, pairing.size());
            List<BenchSlice> out = new ArrayList<>(n);
            double[] thickness = new double[n];
            for (int i = 0; i < n; i++) {
                SlicePair p = pairing.get(i);
                out.add(slice(name, i, p.test(), p.reference()));
                thickness[i] = lowStack.thicknessOf(pairing.testSlice(i));
            }
            return new Sample(out, thickness);
        } catch (DicomReadException | ReportException | IOException e) {
            throw new BenchException(sample + ": " + e.getMessage(), e);
        }
    }

    private static CtStack single(Path dir) throws DicomReadException, BenchException {
        List<CtStack> stacks = new SeriesScanner().scan(dir).requireStacks();
        if (stacks.size() != 1) {
            throw new BenchException(dir + " holds " + stacks.size() + " stacks; a sample needs exactly one");
        }
        stacks.get(0).requireProcessable();
        return stacks.get(0);
    }

    private static BenchSlice slice(String name, int index, SliceImage lowSlice, SliceImage refSlice) {
        HuImage low = lowSlice.image();
        HuImage ref = refSlice.image();
        boolean[] padding = null;
        if (low.padding() != null || ref.padding() != null) {
            padding = new boolean[low.hu().length];
            for (int i = 0; i < padding.length; i++) {
                padding[i] = low.isPadding(i) || ref.isPadding(i);
            }
        }
        return new BenchSlice(name, index, new HuImage(low.width(), low.height(), low.hu(), padding),
                new HuImage(ref.width(), ref.height(), ref.hu(), padding));
    }
}
