package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.plugin.bench.BenchSlice;
import org.ddlm.plugin.bench.OracleSigma;
import org.junit.jupiter.api.Test;

/**
 * The noise-level checks of algorithms.md 6.2 on real CT: (a) white noise added to the held-out patient of the
 * default prior; (b) the bundled calibration on the bundled simulated quarter-dose sample scans (test images the
 * calibration never saw).
 */
class CalibrateNoiseChecksTest {
    private static final double[] ADDED_HU = {10, 20, 30, 50};

    private static List<HuImage> read(Path dir) throws Exception {
        CtStack stack = new SeriesScanner().scan(dir).requireStacks().get(0);
        List<HuImage> out = new ArrayList<>();
        for (var s : stack.slices()) {
            HuImage img = s.loadHu();
            out.add(img);
        }
        return out;
    }

    /**
     * Check (a): √(σ̂_HH(y)² − σ̂_HH(x)²) within ±10 % of the added white noise, median over the 12 slices.
     *
     * <p>The margin at 10 HU is thin: +9.7 % with this test's noise (slices +6.7 .. +11.0 %), +10.06 % with another
     * draw. The excess is biased upwards on every slice because the median of |HH| adds in quadrature only for
     * Gaussian HH, and the normal-dose HH of a real slice (σ̂_HH ≈ 6 HU here) is a heavy-tailed mixture
     * (non-stationary noise, lung and bone edges): a Laplace HH of level 7 HU plus 10 HU white noise is off by +11 %
     * the same way. The bias falls to about +5, +3 and +1 % at 20, 30 and 50 HU.
     */
    @Test
    void addedWhiteNoiseOnTheHeldOutPatient() throws Exception {
        List<HuImage> normal = read(Fixtures.shared().resolve("data/ct/chest-siemens-sensation10-b40f"));
        assertEquals(12, normal.size());
        for (double sigma : ADDED_HU) {
            double[] rel = new double[normal.size()];
            for (int k = 0; k < rel.length; k++) {
                HuImage x = normal.get(k);
                SplittableRandom rnd = new SplittableRandom(1000L * k + (long) sigma);
                float[] y = x.hu().clone();
                for (int i = 0; i < y.length; i++) {
                    if (!x.isPadding(i)) {
                        y[i] += (float) (sigma * gaussian(rnd));
                    }
                }
                double hx = NoiseLevelEstimator.hhLevel(x);
                double hy = NoiseLevelEstimator.hhLevel(x.withHu(y));
                rel[k] = Math.sqrt(hy * hy - hx * hx) / sigma - 1;
            }
            double m = Median.of(rel);
            System.out.printf(Locale.ROOT, "check (a) held-out chest B40f + %2.0f HU white: median error %+.1f%% "
                    + "(range %+.1f%% .. %+.1f%%)%n", sigma, 100 * m, 100 * Arrays.stream(rel).min().orElseThrow(),
                    100 * Arrays.stream(rel).max().orElseThrow());
            assertEquals(0.0, m, 0.10, "added " + sigma + " HU");
        }
    }

    /** Standard normal by Box-Muller (the test's own, independent of any project noise source). */
    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * Check (b): with the bundled calibration, σ̂_n of each simulated quarter-dose sample slice against
     * σ_true = std of (LD − ND) over soft tissue inside the body (as the robustness issue defines it, the bench's
     * {@link OracleSigma#softTissue}): |error| ≤ 15 % on ≥ 90 % of slices, median ≤ 10 %.
     */
    @Test
    void bundledCalibrationOnTheSimulatedQuarterDoseSamples() throws Exception {
        NoiseCalibration calibration = NoiseCalibration.forModel("default");
        assertTrue(calibration.calibrated(), "the default prior ships its noise calibration");
        // The bundled samples are 5 mm, the prior data's own thickness: σ_ref as it is.
        NoiseLevelEstimator estimator = calibration.estimator(Double.NaN);
        Path samples = Path.of("..", "sample-scans");
        List<Double> errors = new ArrayList<>();
        System.out.println("check (b) with " + calibration);
        System.out.printf("%-26s %5s %9s %9s %9s %8s%n", "sample", "slice", "HH(ND)", "sigma_n", "sigma_true", "error");
        for (String name : List.of("abdomen-ge-lightspeed16", "chest-philips-brilliance16")) {
            List<HuImage> nd = read(samples.resolve(name).resolve("full-dose"));
            List<HuImage> ld = read(samples.resolve(name).resolve("sim-25pct-dose"));
            assertEquals(nd.size(), ld.size());
            for (int k = 0; k < nd.size(); k++) {
                HuImage low = ld.get(k);
                double estimate = estimator.estimate(low);
                double truth = OracleSigma.softTissue(new BenchSlice(name, k, low, low.withHu(nd.get(k).hu())));
                double error = (estimate - truth) / truth;
                errors.add(error);
                System.out.printf(Locale.ROOT, "%-26s %5d %9.2f %9.2f %9.2f %+7.1f%%%n", name, k,
                        NoiseLevelEstimator.hhLevel(nd.get(k)), estimate, truth, 100 * error);
            }
        }
        double[] abs = errors.stream().mapToDouble(Math::abs).toArray();
        long within = Arrays.stream(abs).filter(e -> e <= 0.15).count();
        double medianAbs = Median.of(abs);
        System.out.printf(Locale.ROOT, "check (b): %d of %d slices within 15%%, median |error| %.1f%%%n", within,
                abs.length, 100 * medianAbs);
        assertEquals(12, abs.length);
        assertTrue(within >= Math.ceil(0.9 * abs.length), within + " of " + abs.length + " slices within 15 %");
        assertTrue(medianAbs <= 0.10, "median |error| " + medianAbs);
    }

}
