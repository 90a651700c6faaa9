package org.ddlm.validation.pairing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.validation.report.ReportException;
import org.ddlm.validation.report.SliceImage;
import org.ddlm.validation.report.SlicePair;
import org.ddlm.validation.report.SliceSource;

/**
 * Pairs test, reference and optional input slices by position along the slice normal (metrics.md section 1) and
 * serves them lazily to the report writer, one slice at a time.
 */
public final class StackPairing implements SliceSource {
    public static final double DEFAULT_TOLERANCE_MM = 0.01;
    /** Above this, slices of a thin-slice series could pair with their neighbours. */
    public static final double MAX_TOLERANCE_MM = 10;
    private static final double GRID_TOLERANCE = 1e-4;

    private final List<CtSlice[]> pairs;
    private final List<String> unmatched;

    private StackPairing(List<CtSlice[]> pairs, List<String> unmatched) {
        this.pairs = pairs;
        this.unmatched = unmatched;
    }

    /**
     * @param input the low-dose input, or null
     * @throws ReportException when the grids differ or no slice pairs up
     */
    public static StackPairing pair(CtStack test, CtStack reference, CtStack input, double toleranceMm)
            throws ReportException {
        requireSameGrid(test, reference, "test", "reference");
        if (input != null) {
            requireSameGrid(input, reference, "input", "reference");
        }
        List<CtSlice[]> pairs = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        boolean[] refUsed = new boolean[reference.size()];
        for (CtSlice t : test.slices()) {
            int r = nearest(reference, t.normalPosition(), toleranceMm);
            if (r < 0 || refUsed[r]) {
                unmatched.add(String.format(java.util.Locale.ROOT, "test %s (d=%.3f mm)", t.path().getFileName(),
                        t.normalPosition()));
                continue;
            }
            refUsed[r] = true;
            CtSlice in = null;
            if (input != null) {
                int k = nearest(input, t.normalPosition(), toleranceMm);
                in = k < 0 ? null : input.slices().get(k);
            }
            pairs.add(new CtSlice[] {t, reference.slices().get(r), in});
        }
        for (int r = 0; r < refUsed.length; r++) {
            if (!refUsed[r]) {
                CtSlice s = reference.slices().get(r);
                unmatched.add(String.format(java.util.Locale.ROOT, "reference %s (d=%.3f mm)", s.path().getFileName(),
                        s.normalPosition()));
            }
        }
        if (pairs.isEmpty()) {
            throw new ReportException("no test slice lies within " + toleranceMm + " mm of a reference slice ("
                    + test.first().path().getParent() + " vs " + reference.first().path().getParent()
                    + "); are they the same scan?");
        }
        return new StackPairing(pairs, unmatched);
    }

    private static int nearest(CtStack stack, double d, double tol) {
        int best = -1;
        double bestDist = tol;
        for (int i = 0; i < stack.size(); i++) {
            double dist = Math.abs(stack.slices().get(i).normalPosition() - d);
            if (dist <= bestDist) {
                best = i;
                bestDist = dist;
            }
        }
        return best;
    }

    private static void requireSameGrid(CtStack a, CtStack b, String an, String bn) throws ReportException {
        CtSlice x = a.first();
        CtSlice y = b.first();
        boolean same = x.rows() == y.rows() && x.cols() == y.cols() && close(x.pixelSpacing(), y.pixelSpacing())
                && close(x.orientation(), y.orientation());
        if (!same) {
            throw new ReportException(String.format(java.util.Locale.ROOT, "grids differ; resample first (%s %dx%d "
                    + "spacing %s, %s %dx%d spacing %s)", an, x.rows(), x.cols(), java.util.Arrays.toString(
                    x.pixelSpacing()), bn, y.rows(), y.cols(), java.util.Arrays.toString(y.pixelSpacing())));
        }
    }

    private static boolean close(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > GRID_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    public List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    @Override
    public int size() {
        return pairs.size();
    }

    /** The test slice of pair {@code position}, its headers only (nothing is decoded). */
    public CtSlice testSlice(int position) {
        return pairs.get(position)[0];
    }

    /** The reference slice of pair {@code position}, its headers only (nothing is decoded). */
    public CtSlice referenceSlice(int position) {
        return pairs.get(position)[1];
    }

    @Override
    public SlicePair get(int position) throws IOException {
        CtSlice[] p = pairs.get(position);
        Integer instance = p[0].instanceNumber() == Integer.MIN_VALUE ? null : p[0].instanceNumber();
        return new SlicePair(position, p[0].normalPosition(), instance, load(p[0]), load(p[1]),
                p[2] == null ? null : load(p[2]), null);
    }

    private static SliceImage load(CtSlice s) throws IOException {
        try {
            return new SliceImage(s.sopInstanceUid(), s.loadHu());
        } catch (DicomReadException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
