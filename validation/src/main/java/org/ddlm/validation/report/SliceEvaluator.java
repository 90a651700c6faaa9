package org.ddlm.validation.report;

import java.util.ArrayList;
import java.util.List;
import org.ddlm.validation.metrics.BodyMask;
import org.ddlm.validation.metrics.HuImage;
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
        SliceImage t = pair.test();
        SliceImage r = pair.reference();
        SliceImage in = pair.input();
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
            HuImage ref = r.toHu();
            Padding.Pair tr = Padding.apply(t.toHu(), ref, t.padding(), r.padding());
            Padding.Pair ir = in == null ? null : Padding.apply(in.toHu(), ref, in.padding(), r.padding());
            boolean[] mask = null;
            double maskFraction = Double.NaN;
            if (request.bodyMask()) {
                // Built from the reference with its own padding set to -1024, so padding never enters the mask.
                mask = BodyMask.fromReference(Padding.apply(ref, ref, r.padding(), null).reference());
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
                nt = RoiStatistics.of(t.toHu(), roi, t.padding()).sd();
                nr = RoiStatistics.of(ref, roi, r.padding()).sd();
                ni = in == null ? Double.NaN : RoiStatistics.of(in.toHu(), roi, in.padding()).sd();
            }
            return new SliceEvaluation(pair.index(), pair.zMm(), pair.instanceNumber(), t.sopInstanceUid(),
                    r.sopInstanceUid(), pair.clampedPixels(), List.copyOf(rows), mask != null, maskFraction, nt,
                    nr, ni);
        } catch (MetricException e) {
            throw new ReportException(where + ": " + e.getMessage(), e);
        }
    }
}
