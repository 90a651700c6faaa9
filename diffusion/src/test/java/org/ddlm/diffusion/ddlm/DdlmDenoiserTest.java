package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.NetworkDenoiser;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.net.UNet;
import org.ddlm.diffusion.net.UNetConfig;
import org.ddlm.diffusion.net.UNetNetwork;
import org.ddlm.diffusion.oracle.GaussianAffinePropagation;
import org.ddlm.diffusion.oracle.GaussianOracle;
import org.ddlm.diffusion.oracle.MixtureOracle;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DdpmSampler;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.testkit.PerTestManager;
import org.junit.jupiter.api.Test;

/** The §6.7 driver: determinism, batch independence, padding, size multiples, below-range, progress, cancel. */
class DdlmDenoiserTest extends PerTestManager {

    private static final DiscreteSchedule COSINE = DiscreteSchedule.cosine(1000);
    private static final String UID = "1.2.826.0.1.3680043.2.1125.1";
    private static final NoiseLevelEstimator WHITE = new NoiseLevelEstimator(0.0, 0.0);

    /** The MoG prior in HU (x = HU/1000), float64. */
    private static Denoiser mixtureInHu() {
        return new Wrapped(MixtureOracle.protocol(COSINE, Prediction.EPS), IntensityMapping.CT_HU, 1);
    }

    private static List<DdlmInput> slices(int n, int size) {
        List<DdlmInput> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            float[] hu = Phantoms.add(Phantoms.smooth(size, size), Phantoms.white(size * size, 20 + 10 * k, 40 + k));
            out.add(new DdlmInput(new HuImage(size, size, hu), UID, 7 + k, 20 + 10 * k));
        }
        return out;
    }

    private static DdlmSettings stochastic() {
        return DdlmSettings.defaults().withSampler(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL), 6)
                .withEnsemble(2, 99, 0.5).withDataType(DataType.FLOAT64);
    }

    /** {@code s} with one model call for the whole batch (no front end offers this; only this test needs it). */
    private static DdlmSettings batchedCalls(DdlmSettings s) {
        return new DdlmSettings(s.sampler(), s.steps(), s.spacing(), s.mode(), s.zeta(), s.gamma(), s.splitting(),
                s.substep(), s.timeFactor(), s.whitening(), s.ensemble(), s.flips(), s.seed(), s.dataType(), false,
                s.tile());
    }

    private List<float[]> denoise(Denoiser d, DdlmSettings s, List<DdlmInput> in, int batch) {
        List<float[]> out = new ArrayList<>();
        // Batches of {@code batch} slices, as SeriesDenoiser forms them.
        DdlmDenoiser denoiser = new DdlmDenoiser(d, s, WHITE, manager);
        for (int first = 0; first < in.size(); first += batch) {
            for (DdlmOutput o : denoiser.denoise(in.subList(first, Math.min(in.size(), first + batch)), null)) {
                out.add(o.hu());
            }
        }
        return out;
    }

    @Test
    void batchOneAndBatchThreeAreIdenticalAndSeedsMatter() {
        List<DdlmInput> in = slices(3, 24);
        List<float[]> one = denoise(mixtureInHu(), stochastic(), in, 1);
        List<float[]> three = denoise(mixtureInHu(), stochastic(), in, 3);
        List<float[]> again = denoise(mixtureInHu(), stochastic(), in, 2);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(one.get(k), three.get(k), 0.0f, "slice " + k);
            assertArrayEquals(one.get(k), again.get(k), 0.0f, "slice " + k);
        }
        // Permuting the slices permutes the outputs exactly (streams follow the slice, not the position).
        List<DdlmInput> reversed = new ArrayList<>(in);
        java.util.Collections.reverse(reversed);
        List<float[]> rev = denoise(mixtureInHu(), stochastic(), reversed, 3);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(one.get(k), rev.get(2 - k), 0.0f);
        }
        DdlmSettings other = stochastic().withEnsemble(2, 100, 0.5);
        List<float[]> otherSeed = denoise(mixtureInHu(), other, in, 3);
        assertTrue(maxDiff(one.get(0), otherSeed.get(0)) > 1.0, "another seed must give other noise");
        // Sampling changed the slice by more than round-off.
        assertTrue(maxDiff(one.get(2), in.get(2).slice().hu()) > 1.0);
    }

    @Test
    void paddingIsAirWhileWorkingAndRestoredAndSizesAreReflectedAndCropped() {
        int n = 500;
        float[] hu = Phantoms.smooth(n, n);
        boolean[] padding = new boolean[n * n];
        for (int i = 0; i < n * n; i++) {
            int x = i % n;
            int y = i / n;
            if (Math.hypot(x - n / 2.0, y - n / 2.0) > 0.49 * n) {
                padding[i] = true;
                hu[i] = -3000f;
            }
        }
        Wrapped flat = new Wrapped(new TinyDenoisers.Flat(COSINE), IntensityMapping.CT_HU, 16);
        DdlmSettings s = DdlmSettings.defaults().withSampler(new DdimSampler(0.0), 4)
                .withConditioning(DdlmSettings.Mode.NONE, 0, 0, null).withDataType(DataType.FLOAT64);
        List<DdlmOutput> out = new DdlmDenoiser(flat, s, WHITE, manager)
                .denoise(List.of(new DdlmInput(new HuImage(n, n, hu, padding), UID, 0, 30.0)), null);
        float[] result = out.get(0).hu();
        assertEquals(n * n, result.length);
        assertArrayEquals(new long[] {1, 1, 512, 512}, flat.shapes.get(0));
        double alpha = COSINE.alpha(out.get(0).match().time());
        double[] seen = flat.firstInputs.get(0);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                if (padding[i]) {
                    assertEquals(-3000f, result[i], 0.0f);
                    assertEquals(alpha * -1.024, seen[y * 512 + x], 1e-12);
                } else {
                    // x̂0 = x/α makes every DDIM step exact: the identity model returns y.
                    assertEquals(hu[i], result[i], 1e-3f);
                }
            }
        }
        // Reflection without repeating the edge: padded column 500 holds column 498.
        assertEquals(seen[7 * 512 + 498], seen[7 * 512 + 500], 0.0);
    }

    @Test
    void belowRangeReturnsTheSliceUnchangedWithAFlag() {
        float[] hu = Phantoms.smooth(32, 32);
        DdlmInput quiet = new DdlmInput(new HuImage(32, 32, hu), UID, 0, 0.5); // c_t·σ_n = 1.25 HU: below the least noise of the schedule
        DdlmInput noisy = slices(1, 32).get(0);
        List<DdlmOutput> out = new DdlmDenoiser(mixtureInHu(), DdlmSettings.defaults().withDataType(DataType.FLOAT64),
                WHITE, manager).denoise(List.of(quiet, noisy), null);
        assertTrue(out.get(0).unchanged());
        assertTrue(out.get(0).match().belowRange());
        assertArrayEquals(hu, out.get(0).hu(), 0.0f);
        assertFalse(out.get(1).unchanged());
        assertEquals(20.0, out.get(1).sigmaNHu(), 0.0);
    }

    @Test
    void estimatesTheNoiseWhenNotGiven() {
        float[] hu = Phantoms.add(Phantoms.piecewiseConstant(128, 128), Phantoms.white(128 * 128, 30, 5));
        DdlmOutput out = new DdlmDenoiser(mixtureInHu(), DdlmSettings.defaults().withDataType(DataType.FLOAT64),
                WHITE, manager).denoise(List.of(new DdlmInput(new HuImage(128, 128, hu), UID, 0)), null).get(0);
        assertEquals(WHITE.estimate(new HuImage(128, 128, hu)), out.sigmaNHu(), 1e-12);
        assertEquals(30.0, out.sigmaNHu(), 3.0);
    }

    @Test
    void progressIsReportedAndCancellationStops() {
        List<DdlmInput> in = slices(3, 16);
        List<int[]> updates = new ArrayList<>();
        DdlmDenoiser d = new DdlmDenoiser(mixtureInHu(), DdlmSettings.defaults().withDataType(DataType.FLOAT64),
                WHITE, manager);
        d.denoise(in, (done, total) -> updates.add(new int[] {done, total}));
        // One batch of one image size: one report after it, and one batched pass per step (the slices and their
        // mirror views ride along in the batch).
        assertEquals(1, updates.size());
        assertArrayEquals(new int[] {3, 3}, updates.get(0));
        assertEquals(DdlmSettings.defaults().steps(), d.cost().forwards());
        int[] calls = {0};
        // Polled before the batch and before each sampler step: the third poll is the second step's.
        assertThrows(CancellationException.class,
                () -> d.denoise(in, org.ddlm.core.Progress.of(org.ddlm.core.Progress.NONE, () -> ++calls[0] > 2)));
        assertEquals(3, calls[0]);
    }

    /** Under the Gaussian oracle the output variance of a K-member mean is the member variance over K. */
    @Test
    void ensembleVarianceFallsLikeOneOverK() {
        int n = 64;
        float[] hu = new float[n * n];
        java.util.Arrays.fill(hu, 900f);
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, COSINE, Prediction.EPS);
        Wrapped inHu = new Wrapped(oracle, IntensityMapping.CT_HU, 1);
        DdlmInput input = new DdlmInput(new HuImage(n, n, hu), UID, 3, 200.0);
        double[] variance = new double[2];
        int[] members = {1, 4};
        for (int k = 0; k < 2; k++) {
            DdlmSettings s = DdlmSettings.defaults().withSampler(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL), 10)
                    .withConditioning(DdlmSettings.Mode.NONE, 0, 0, null).withEnsemble(members[k], 5, 0.0)
                    .withFlips(1).withDataType(DataType.FLOAT64);
            DdlmOutput out = new DdlmDenoiser(inHu, s, WHITE, manager).denoise(List.of(input), null).get(0);
            variance[k] = variance(out.hu()) / 1e6;
            if (k == 0) {
                double t = out.match().time();
                double[] grid = DdlmDenoiser.samplingGrid(COSINE, DdlmSettings.Spacing.LAMBDA_UNIFORM, t, 10);
                double exact = GaussianAffinePropagation.propagate(oracle, COSINE, grid, true,
                        GaussianAffinePropagation.Kind.DDPM_FIXED_SMALL, 0, COSINE.alpha(t) * 0.9, 0)[1];
                assertEquals(exact, variance[0], 5 * exact * Math.sqrt(2.0 / (n * n - 1)));
            }
        }
        System.out.printf("ensemble: variance K=1 %.3e, K=4 %.3e, ratio %.3f%n", variance[0], variance[1],
                variance[0] / variance[1]);
        assertEquals(4.0, variance[0] / variance[1], 4.0 * 5 * Math.sqrt(4.0 / (n * n)));
    }

    /**
     * From a start of σ̄* ≥ 0.06 the grid takes N of the N + 1 λ-uniform points between t* and u = 0, so the last step
     * jumps to data from one λ step above u = 0 (N = 2: t* → the λ-midpoint → data); from lower starts it keeps the
     * N points that end at u = 0 (N = 2: t* → u = 0 → data).
     */
    @Test
    void samplingGridIsOpenFromHighStartsAndEndsAtTheLeastNoisyLevelBelow() {
        DdlmSettings.Spacing lambda = DdlmSettings.Spacing.LAMBDA_UNIFORM;
        double high = COSINE.time(-Math.log(0.09));
        double l0 = COSINE.lambda(high);
        double l1 = COSINE.lambda(0.0);
        assertArrayEquals(new double[] {high}, DdlmDenoiser.samplingGrid(COSINE, lambda, high, 1));
        double[] two = DdlmDenoiser.samplingGrid(COSINE, lambda, high, 2);
        assertEquals(2, two.length);
        assertEquals(high, two[0]);
        assertEquals((l0 + l1) / 2, COSINE.lambda(two[1]), 1e-9);
        assertTrue(two[1] > 1.0, "the midpoint lies well above u = 0: " + two[1]);
        double[] three = DdlmDenoiser.samplingGrid(COSINE, lambda, high, 3);
        assertEquals(3, three.length);
        assertEquals(l0 + (l1 - l0) / 3, COSINE.lambda(three[1]), 1e-9);
        assertEquals(l0 + 2 * (l1 - l0) / 3, COSINE.lambda(three[2]), 1e-9);
        // Uniform in u: N of N + 1 evenly spaced indices.
        assertArrayEquals(new double[] {high, high * 2 / 3, high / 3},
                DdlmDenoiser.samplingGrid(COSINE, DdlmSettings.Spacing.UNIFORM, high, 3), 1e-12);
        // The boundary is open; below it the grid ends at u = 0.
        double edge = COSINE.time(-Math.log(DdlmDenoiser.OPEN_GRID_FROM_SIGMA_BAR * 1.000001));
        assertTrue(DdlmDenoiser.samplingGrid(COSINE, lambda, edge, 2)[1] > 0.0);
        double low = COSINE.time(-Math.log(0.04));
        assertArrayEquals(new double[] {low, 0.0}, DdlmDenoiser.samplingGrid(COSINE, lambda, low, 2));
        double[] lowThree = DdlmDenoiser.samplingGrid(COSINE, lambda, low, 3);
        assertEquals((COSINE.lambda(low) + l1) / 2, COSINE.lambda(lowThree[1]), 1e-9);
        assertEquals(0.0, lowThree[2]);
        // t* at the least noisy level: one jump to data whatever N.
        assertArrayEquals(new double[] {0.0}, DdlmDenoiser.samplingGrid(COSINE, lambda, 0.0, 2));
    }

    /** A tiny untrained UNet (float32): batch composition does not change outputs; network guidance runs. */
    @Test
    void tinyUNetBatchIndependenceAndNetworkGuidanceCost() {
        UNetConfig config = new UNetConfig(8, List.of(1, 2), 1, 4, false, 1);
        try (NDManager weights = NDManager.newBaseManager()) {
            UNet unet = UNet.create(config, weights, 3);
            try (UNetNetwork network = new UNetNetwork(unet, weights.newSubManager())) {
                Denoiser model = new NetworkDenoiser(network, Prediction.EPS, COSINE, IntensityMapping.CT_HU,
                        config.sizeMultiple());
                List<DdlmInput> in = slices(3, 16);
                DdlmSettings s = DdlmSettings.defaults().withSampler(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL), 4)
                        .withEnsemble(1, 4, 0.3);
                List<float[]> one = denoise(model, s, in, 1);
                List<float[]> three = denoise(model, s, in, 3);
                for (int k = 0; k < 3; k++) {
                    assertArrayEquals(one.get(k), three.get(k), 0.0f, "slice " + k);
                }
                // Truly batched float32 CPU kernels are not bitwise batch-invariant; they stay within the
                // GPU tolerance class of algorithms.md §6.7 here (measured, printed).
                List<float[]> batched = denoise(model, batchedCalls(s), in, 3);
                double worst = 0;
                for (int k = 0; k < 3; k++) {
                    for (int i = 0; i < one.get(k).length; i++) {
                        double a = one.get(k)[i];
                        worst = Math.max(worst, Math.abs(a - batched.get(k)[i]) / Math.max(1.0, Math.abs(a)));
                    }
                }
                System.out.printf("tiny UNet float32, elementwise vs batched (B=3): max relative difference %.2e%n",
                        worst);
                assertTrue(worst <= 1e-4, "relative difference " + worst);
                int steps = 3;
                DdlmSettings guided = DdlmSettings.defaults().withSampler(new HeunSampler(), steps)
                        .withConditioning(DdlmSettings.Mode.GUIDANCE_NETWORK, 0, 0.1, Splitting.Scheme.STRANG);
                DdlmDenoiser d = new DdlmDenoiser(model, guided, WHITE, manager);
                List<DdlmOutput> out = d.denoise(in.subList(0, 1), null);
                assertEquals(16 * 16, out.get(0).hu().length);
                // Ending at data: Heun 2N − 1 forwards, 2N + 1 gradients (forward + VJP each).
                assertEquals(4L * steps, d.cost().forwards());
                assertEquals(2L * steps + 1, d.cost().vjps());
                assertEquals(8L * steps + 2, d.cost().units());
            }
        }
    }

    /**
     * Flips = 4 is the mean of the four mirrored slices, each denoised on its own and mirrored back (a width that
     * needs padding up to the size multiple included); an untrained UNet is far from mirror-equivariant, so the
     * views really differ.
     */
    @Test
    void flipsAverageTheMirroredSlicesDenoisedOneByOne() {
        UNetConfig config = new UNetConfig(8, List.of(1, 2), 1, 4, false, 1);
        int w = 15;
        int h = 16;
        float[] hu = Phantoms.add(Phantoms.smooth(w, h), Phantoms.white(w * h, 30, 11));
        HuImage slice = new HuImage(w, h, hu);
        try (NDManager weights = NDManager.newBaseManager()) {
            UNet unet = UNet.create(config, weights, 5);
            try (UNetNetwork network = new UNetNetwork(unet, weights.newSubManager())) {
                Denoiser model = new NetworkDenoiser(network, Prediction.EPS, COSINE, IntensityMapping.CT_HU,
                        config.sizeMultiple());
                DdlmSettings one = DdlmSettings.defaults().withSampler(new DdimSampler(0), 2).withFlips(1);
                float[] four = denoise(model, one.withFlips(4), List.of(new DdlmInput(slice, UID, 3, 30)), 1).get(0);
                double[] expected = new double[w * h];
                float[] plain = null;
                for (int v = 0; v < 4; v++) {
                    DdlmInput mirrored = new DdlmInput(Mirror.apply(slice, v), UID, 3, 30);
                    float[] out = denoise(model, one, List.of(mirrored), 1).get(0);
                    float[] back = Mirror.apply(new HuImage(w, h, out), v).hu();
                    plain = v == 0 ? back : plain;
                    for (int i = 0; i < w * h; i++) {
                        expected[i] += back[i] / 4.0;
                    }
                }
                double worst = 0;
                double spread = 0;
                for (int i = 0; i < w * h; i++) {
                    worst = Math.max(worst, Math.abs(four[i] - expected[i]));
                    spread = Math.max(spread, Math.abs(plain[i] - expected[i]));
                }
                assertTrue(worst < 1e-3, "flips=4 vs the mean of four mirrored runs: " + worst + " HU");
                assertTrue(spread > 0.1, "the views should differ under an untrained UNet: " + spread + " HU");
            }
        }
    }

    private static double variance(float[] v) {
        double m = 0;
        for (float f : v) {
            m += f;
        }
        m /= v.length;
        double s = 0;
        for (float f : v) {
            s += (f - m) * (f - m);
        }
        return s / (v.length - 1);
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

}
