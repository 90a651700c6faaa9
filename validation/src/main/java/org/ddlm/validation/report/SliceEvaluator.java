package org.ddlm.validation.report;

import java.util.ArrayList;
import java.util.List;
import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.PairMeasure;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Padding;
import org.ddlm.validation.metrics.Roi;
import org.ddlm.validation.metrics.RoiStatistics;
import org.ddlm.validation.metrics.Window;

/** Measures one slice pair in every window of a request (metrics.md sections 1-5 and 7). */
final class SliceEvaluator {

    private final ReportRequest request;

    SliceEvaluator(ReportRequest request) {
        this.request = request;
    }

    SliceEvaluation evaluate(SlicePair pair) throws ReportException {
        HuImage t = pair.test().image();
        HuImage r = pair.reference().image();
        HuImage in = pair.input() == null ? null : pair.input().image();
        String where = "slice " + pair.index() + " (z " + pair.zMm() + " mm)";
        if (!t.sameGrid(r) || (in != null && !in.sameGrid(r))) {
            throw new ReportException(where + ": grids differ (" + t.width() + "x" + t.height() + " test, "
                    + r.width() + "x" + r.height() + " reference"
                    + (in == null ? "" : ", " + in.width() + "x" + in.height() + " input") + "); resample first");
        }
        if ((in == null) != (request.input() == null)) {
            throw new ReportException(where + ": an input slice must be given exactly when the input series is");
        }
        try {
            Padding.Pair tr = Padding.apply(t, r);
            Padding.Pair ir = in == null ? null : Padding.apply(in, r);
            boolean[] mask = null;
            double maskFraction = Double.NaN;
            if (request.bodyMask()) {
                // Built from the reference; its padding never enters the mask.
                mask = BodyMask.of(r);
                maskFraction = BodyMask.fraction(mask);
            }
            List<WindowRow> rows = new ArrayList<>();
            for (Window w : request.windows()) {
                PairMetrics mt = PairMeasure.measure(tr.test(), tr.reference(), w, mask);
                PairMetrics mi = ir == null ? null : PairMeasure.measure(ir.test(), ir.reference(), w, mask);
                rows.add(new WindowRow(w, mt, mi));
            }
            Roi roi = request.noiseRoi();
            double nt = Double.NaN;
            double nr = Double.NaN;
            double ni = Double.NaN;
            if (roi != null) {
                nt = RoiStatistics.of(t, roi).sd();
                nr = RoiStatistics.of(r, roi).sd();
                ni = in == null ? Double.NaN : RoiStatistics.of(in, roi).sd();
            }
            return new SliceEvaluation(pair.index(), pair.zMm(), pair.instanceNumber(),
                    pair.test().sopInstanceUid(), pair.reference().sopInstanceUid(), pair.clampedPixels(),
                    List.copyOf(rows), mask != null, maskFraction, nt, nr, ni);
        } catch (MetricException e) {
            throw new ReportException(where + ": " + e.getMessage(), e);
        }
    }
}
