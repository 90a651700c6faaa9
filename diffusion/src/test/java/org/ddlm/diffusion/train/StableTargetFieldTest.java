package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.model.GaussianStream;
import org.ddlm.diffusion.schedule.Vp;
import org.junit.jupiter.api.Test;

/** algorithms.md §5.2 properties, checked against direct float64 loops. */
class StableTargetFieldTest {

    private static final int D = 64;

    /** B own patches (rows 0..B−1 of the references) plus extras, values like CT in model units. */
    private static double[][] references(int r, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] refs = new double[r][D];
        for (double[] row : refs) {
            double level = random.nextDouble() * 1.5 - 1.0;
            for (int k = 0; k < D; k++) {
                row[k] = level + 0.3 * (random.nextDouble() - 0.5);
            }
        }
        return refs;
    }

    private static double[][] noise(int b, long seed) {
        GaussianStream g = new GaussianStream(new SplittableRandom(seed));
        double[][] out = new double[b][D];
        for (double[] row : out) {
            g.fill(row, 0, D);
        }
        return out;
    }

    private static double[][] firstRows(double[][] a, int n) {
        double[][] out = new double[n][];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }

    private static NDArray array(NDManager m, double[][] rows) {
        double[] flat = new double[rows.length * D];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * D, D);
        }
        return m.create(flat, new Shape(rows.length, D));
    }

    private static double[] constant(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    /** Direct-difference reference: weights from ‖x_t − α x0_j‖² summed pixel by pixel. */
    private static double[][] referenceTarget(double[][] own, double[][] eps, double[][] refs, double alpha,
                                              double sigma) {
        double[][] out = new double[own.length][D];
        for (int b = 0; b < own.length; b++) {
            double[] logits = new double[refs.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < refs.length; j++) {
                double d = 0;
                for (int k = 0; k < D; k++) {
                    double diff = alpha * own[b][k] + sigma * eps[b][k] - alpha * refs[j][k];
                    d += diff * diff;
                }
                logits[j] = -d / (2 * sigma * sigma);
                max = Math.max(max, logits[j]);
            }
            double total = 0;
            for (int j = 0; j < refs.length; j++) {
                logits[j] = Math.exp(logits[j] - max);
                total += logits[j];
            }
            for (int j = 0; j < refs.length; j++) {
                for (int k = 0; k < D; k++) {
                    out[b][k] += logits[j] / total * refs[j][k];
                }
            }
        }
        return out;
    }

    @Test
    void oneReferenceIsPlainDenoisingScoreMatching() {
        double lambda = 0.7;
        double a = Vp.alpha(lambda);
        double s = Vp.sigma(lambda);
        double[][] refs = references(1, 1);
        double[][] eps = noise(1, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = array(m, refs);
            NDArray e = array(m, eps);
            StableTargetField.Targets t = StableTargetField.targets(x0, e, array(m, refs), constant(1, a), constant(1, s));
            assertEquals(0.0, t.x0().sub(x0).abs().max().getDouble(), 1e-12);
            assertEquals(0.0, t.eps().sub(e).abs().max().getDouble(), 1e-12);
            NDArray prediction = array(m, noise(1, 3));
            for (Prediction type : Prediction.values()) {
                double stf = DiffusionLoss.meanSquaredError(prediction,
                        DiffusionLoss.target(type, t.x0(), t.eps(), constant(1, a), constant(1, s))).getDouble();
                double dsm = DiffusionLoss.meanSquaredError(prediction,
                        DiffusionLoss.target(type, x0, e, constant(1, a), constant(1, s))).getDouble();
                assertEquals(dsm, stf, 1e-12 * dsm, type.toString());
            }
        }
    }

    @Test
    void smallNoiseTargetIsTheOwnSample() {
        double lambda = -Math.log(1e-3);
        double[][] refs = references(16, 4);
        double[][] own = firstRows(refs, 4);
        double[][] eps = noise(4, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            StableTargetField.Targets t = StableTargetField.targets(array(m, own), array(m, eps), array(m, refs),
                    constant(4, Vp.alpha(lambda)), constant(4, Vp.sigma(lambda)));
            assertEquals(0.0, t.x0().sub(array(m, own)).abs().max().getDouble(), 1e-12);
            assertEquals(0.0, t.eps().sub(array(m, eps)).abs().max().getDouble(), 1e-12);
        }
    }

    /**
     * As σ̄ grows the weights flatten; the deviation from the reference mean shrinks like
     * √D·spread²/σ̄ (first order in the logits), ≈ 1e-3 at σ̄ = 1e3 for these 64-pixel patches, so
     * "equals the mean to 1e-6" holds from σ̄ ≈ 1e6 on. Checked at σ̄ = 1e3 (loosely) and 1e7 (to 1e-6).
     */
    @Test
    void largeNoiseTargetIsTheReferenceMean() {
        double[][] refs = references(16, 6);
        double[][] own = firstRows(refs, 4);
        double[][] eps = noise(4, 7);
        double[] mean = new double[D];
        for (double[] row : refs) {
            for (int k = 0; k < D; k++) {
                mean[k] += row[k] / refs.length;
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray meanRows = array(m, new double[][] {mean, mean, mean, mean});
            double[] deviations = new double[2];
            double[] sigmaBars = {1e3, 1e7};
            for (int i = 0; i < 2; i++) {
                double lambda = -Math.log(sigmaBars[i]);
                StableTargetField.Targets t = StableTargetField.targets(array(m, own), array(m, eps), array(m, refs),
                        constant(4, Vp.alpha(lambda)), constant(4, Vp.sigma(lambda)));
                deviations[i] = t.x0().sub(meanRows).abs().max().getDouble();
            }
            assertTrue(deviations[0] < 1e-2, "sigma-bar 1e3: " + deviations[0]);
            assertTrue(deviations[1] < 1e-6, "sigma-bar 1e7: " + deviations[1]);
            assertTrue(deviations[1] < deviations[0] * 1e-2, "the deviation must fall like 1/sigma-bar");
        }
    }

    @Test
    void intermediateNoiseMatchesDirectDifferencesAndIgnoresReferenceOrder() {
        double lambda = -1.0; // σ̄ ≈ 2.7: weights spread over several references
        double a = Vp.alpha(lambda);
        double s = Vp.sigma(lambda);
        double[][] refs = references(24, 8);
        double[][] own = firstRows(refs, 5);
        double[][] eps = noise(5, 9);
        double[][] expected = referenceTarget(own, eps, refs, a, s);
        double[][] permuted = new double[refs.length][];
        for (int j = 0; j < refs.length; j++) {
            permuted[j] = refs[(j * 7 + 3) % refs.length]; // 7 is coprime to 24: a permutation
        }
        try (NDManager m = NDManager.newBaseManager()) {
            StableTargetField.Targets t = StableTargetField.targets(array(m, own), array(m, eps), array(m, refs),
                    constant(5, a), constant(5, s));
            StableTargetField.Targets p = StableTargetField.targets(array(m, own), array(m, eps), array(m, permuted),
                    constant(5, a), constant(5, s));
            double largestWeight = t.weights().max().getDouble();
            assertTrue(largestWeight < 0.999, "the test needs non-trivial weights, largest " + largestWeight);
            assertEquals(0.0, t.x0().sub(array(m, expected)).abs().max().getDouble(), 1e-10);
            assertEquals(0.0, p.x0().sub(t.x0()).abs().max().getDouble(), 1e-12);
            assertEquals(0.0, p.eps().sub(t.eps()).abs().max().getDouble(), 1e-12);
            // ε target is consistent: x_t = α x0_STF + σ ε_STF.
            NDArray xt = array(m, own).mul(a).add(array(m, eps).mul(s));
            assertEquals(0.0, t.x0().mul(a).add(t.eps().mul(s)).sub(xt).abs().max().getDouble(), 1e-12);
        }
    }

    @Test
    void float64DistancesAgreeWithDirectDifferences() {
        double[][] refs = references(12, 10);
        double[][] eps = noise(3, 11);
        for (double sigmaBar : new double[] {1e-3, 3e-2, 1.0, 50.0}) {
            double lambda = -Math.log(sigmaBar);
            double a = Vp.alpha(lambda);
            double s = Vp.sigma(lambda);
            double[][] xt = new double[3][D];
            for (int b = 0; b < 3; b++) {
                for (int k = 0; k < D; k++) {
                    xt[b][k] = a * refs[b][k] + s * eps[b][k];
                }
            }
            try (NDManager m = NDManager.newBaseManager()) {
                double[] got = StableTargetField.squaredDistances(array(m, xt), array(m, refs), constant(3, a))
                        .toDoubleArray();
                for (int b = 0; b < 3; b++) {
                    for (int j = 0; j < refs.length; j++) {
                        double d = 0;
                        for (int k = 0; k < D; k++) {
                            double diff = xt[b][k] - a * refs[j][k];
                            d += diff * diff;
                        }
                        assertEquals(d, got[b * refs.length + j], 1e-9 * d,
                                "sigma-bar " + sigmaBar + " pair " + b + "," + j);
                    }
                }
            }
        }
    }
}
