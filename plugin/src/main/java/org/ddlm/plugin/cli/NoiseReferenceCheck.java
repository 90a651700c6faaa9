package org.ddlm.plugin.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.diffusion.ddlm.LocalNoise;
import org.ddlm.diffusion.ddlm.NoiseMask;
import org.ddlm.diffusion.ddlm.NoiseProfile;
import org.ddlm.plugin.bench.OracleSigma;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.pairing.StackPairing;
import org.ddlm.validation.report.ReportException;

/**
 * {@code ddlm noise --reference}: the excess-noise estimate of a low-dose series against the truth its full-dose
 * reference gives, slice by slice (paired by position, as validate pairs them; FrameOfReferenceUID is not asked to
 * match). Denoising never sees a reference; this is how a user checks the estimate on a pair of their own.
 */
final class NoiseReferenceCheck {
    private NoiseReferenceCheck() {
    }

    /**
     * One slice's truth from the full-dose reference: its file, std(low − full) over soft tissue inside the body, the
     * reference's own total noise (the estimator's measure) and the effective dose n²/(n² + σ²).
     */
    record Truth(String file, double excessHu, double referenceNoiseHu) {
        static final Truth NONE = new Truth(null, Double.NaN, Double.NaN);

        /** The truth of {@code low} against its full-dose {@code partner} (decoded here), or NONE without one. */
        static Truth of(HuImage low, CtSlice partner) throws DicomReadException {
            if (partner == null) {
                return NONE;
            }
            HuImage full = partner.loadHu();
            return new Truth(partner.path().getFileName().toString(), OracleSigma.softTissue(low, full),
                    LocalNoise.level(full, NoiseMask.of(full)));
        }

        double effectiveDose() {
            double n2 = referenceNoiseHu * referenceNoiseHu;
            return n2 / (n2 + excessHu * excessHu);
        }
    }

    /**
     * The full-dose partner of every slice of {@code stack} (read from {@code dir}) in the series {@code reference},
     * paired by position (null where none pairs); headers only, nothing is decoded.
     */
    static CtSlice[] partners(CtStack stack, Path dir, Path reference, double matchTolerance) throws Exception {
        CtStack full = StackArgs.single(reference, false, "--reference");
        StackPairing pairing;
        try {
            pairing = StackPairing.pair(stack, full, null, matchTolerance);
        } catch (ReportException e) {
            throw new UserException("--reference " + reference + " does not match " + dir + ": " + e.getMessage(), e);
        }
        Map<CtSlice, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < stack.size(); i++) {
            index.put(stack.slices().get(i), i);
        }
        CtSlice[] out = new CtSlice[stack.size()];
        for (int p = 0; p < pairing.size(); p++) {
            out[index.get(pairing.testSlice(p))] = pairing.referenceSlice(p);
        }
        return out;
    }

    /** Estimate against truth over the paired slices: the counts within 15, 20 and 25 %, medians. */
    record Summary(int paired, int within15, int within20, int within25, double medianRatio,
                        double medianEffectiveDose) {
        static Summary of(NoiseProfile[] estimates, Truth[] truth) {
            List<Double> ratios = new ArrayList<>();
            List<Double> doses = new ArrayList<>();
            int[] within = new int[3];
            for (int i = 0; i < truth.length; i++) {
                if (!(truth[i].excessHu() > 0.0)) {
                    continue;
                }
                double ratio = estimates[i].sigmaHu() / truth[i].excessHu();
                ratios.add(ratio);
                if (Double.isFinite(truth[i].effectiveDose())) {
                    doses.add(truth[i].effectiveDose());
                }
                double error = Math.abs(ratio - 1.0);
                within[0] += error <= 0.15 ? 1 : 0;
                within[1] += error <= 0.20 ? 1 : 0;
                within[2] += error <= 0.25 ? 1 : 0;
            }
            return new Summary(ratios.size(), within[0], within[1], within[2], median(ratios), median(doses));
        }

        private static double median(List<Double> v) {
            return v.isEmpty() ? Double.NaN : Median.of(v.stream().mapToDouble(Double::doubleValue).toArray());
        }

        JsonObject json(Path reference) {
            JsonObject o = new JsonObject();
            o.addProperty("reference", reference.toString());
            o.addProperty("paired_slices", paired);
            o.addProperty("estimate_within_15pct", within15);
            o.addProperty("estimate_within_20pct", within20);
            o.addProperty("estimate_within_25pct", within25);
            o.addProperty("median_estimate_ratio", NoiseCommand.finite(medianRatio));
            o.addProperty("median_effective_dose", NoiseCommand.finite(medianEffectiveDose));
            return o;
        }

        String describe(Path reference) {
            if (paired == 0) {
                return "against " + reference + ": no paired slice has excess noise to compare with";
            }
            return String.format(Locale.ROOT, "against %s: estimate / true excess median x%.2f, within 15 %% on %d, "
                    + "20 %% on %d, 25 %% on %d of %d paired slices; median effective dose %.0f %% (the reference's "
                    + "own noise n, the excess s: n^2/(n^2 + s^2); the estimate assumes at most 50 %%)", reference,
                    medianRatio, within15, within20, within25, paired, 100 * medianEffectiveDose);
        }
    }

}
