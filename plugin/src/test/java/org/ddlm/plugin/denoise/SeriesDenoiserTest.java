package org.ddlm.plugin.denoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.TimeMatch;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streaming pipeline on 64x64 crops of the abdomen sample (full dose plus white noise), so the network runs in
 * milliseconds: order, bounded holding, evaluation counts, noise levels, determinism, cancellation, failures.
 */
class SeriesDenoiserTest {
    private static final String PRIOR = "default";
    private static List<HuImage> clean;

    @BeforeAll
    static void loadCrops() throws Exception {
        TorchRuntime.start(ThreadCounts.of(2));
        clean = Crops.clean();
    }

    private static List<HuImage> noisy(double... sigmaHu) throws Exception {
        return Crops.noisy(sigmaHu);
    }

    /** A list source that counts its pulls. */
    private static final class Source implements SeriesDenoiser.SliceSource {
        final List<HuImage> slices;
        final double[] thicknessMm;
        int pulls;

        Source(List<HuImage> slices) {
            this(slices, Double.NaN);
        }

        /** Every slice {@code thicknessMm} thick (NaN: unknown). */
        Source(List<HuImage> slices, double thicknessMm) {
            this(slices, filled(slices.size(), thicknessMm));
        }

        /** Each slice as thick as its entry. */
        Source(List<HuImage> slices, double[] thicknessMm) {
            this.slices = slices;
            this.thicknessMm = thicknessMm;
        }

        private static double[] filled(int n, double mm) {
            double[] out = new double[n];
            Arrays.fill(out, mm);
            return out;
        }

        @Override
        public double sliceThicknessMm(int index) {
            return thicknessMm[index];
        }

        @Override
        public int size() {
            return slices.size();
        }

        @Override
        public HuImage slice(int index) {
            pulls++;
            return slices.get(index);
        }

        @Override
        public String seriesUid() {
            return "1.2.3.4";
        }
    }

    private static final class Sink implements SeriesDenoiser.SliceSink {
        final List<Integer> order = new ArrayList<>();
        final List<float[]> hu = new ArrayList<>();
        final List<Double> sigma = new ArrayList<>();
        final List<TimeMatch> matches = new ArrayList<>();

        final List<SeriesDenoiser.SliceRecord> records = new ArrayList<>();

        @Override
        public void accept(int index, float[] values, SeriesDenoiser.SliceRecord record) {
            order.add(index);
            hu.add(values);
            sigma.add(record.sigmaNHu());
            matches.add(record.match());
            records.add(record);
        }
    }

    private static DdlmSettings settings(int steps, int ensemble, long seed, double whitening) {
        return DdlmSettings.defaults().withSampler(new DpmSolver2MSampler(), steps).withEnsemble(ensemble, seed,
                whitening).withFlips(1);
    }

    private static Sink run(DdlmSettings s, List<HuImage> slices, int batch, Double sigma) throws Exception {
        Sink sink = new Sink();
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, s, Device.cpu())) {
            d.run(new Source(slices), sink, batch, sigma, 2.0, null);
        }
        return sink;
    }

    @Test
    void slicesStreamInOrderOneBatchAtATimeWithTheirEvaluationCount() throws Exception {
        List<HuImage> slices = noisy(30, 30, 30, 30, 30);
        Source source = new Source(slices);
        Sink sink = new Sink();
        List<String> events = new ArrayList<>();
        SeriesDenoiser.SliceSource logged = new SeriesDenoiser.SliceSource() {
            @Override
            public int size() {
                return source.size();
            }

            @Override
            public HuImage slice(int index) {
                events.add("pull " + index);
                return source.slice(index);
            }
        };
        int steps = 3;
        int members = 2;
        int views = 2;
        SeriesDenoiser.Summary summary;
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(steps, members, 0, 0.0).withFlips(views),
                Device.cpu())) {
            summary = d.run(logged, (i, hu, r) -> {
                events.add("push " + i);
                sink.accept(i, hu, r);
            }, 2, 30.0, 2.0, null);
        }
        assertEquals(List.of(0, 1, 2, 3, 4), sink.order);
        // With a given noise level and c_t there is no estimate pass: pulls of one batch, then its pushes.
        assertEquals(List.of("pull 0", "pull 1", "push 0", "push 1", "pull 2", "pull 3", "push 2", "push 3",
                "pull 4", "push 4"), events);
        assertEquals(5, summary.slices());
        assertEquals(0, summary.unchanged());
        assertEquals(30.0, summary.meanSigmaNHu(), 0.0);
        // DPM-Solver++(2M): one network evaluation per step, for each ensemble member and view of each slice.
        assertEquals(5L * steps * members * views, summary.networkEvaluations());
        assertTrue(summary.seconds() > 0);
    }

    @Test
    void denoisingMovesTheCropsTowardsTheCleanImage() throws Exception {
        List<HuImage> slices = noisy(40, 40, 40);
        Sink sink = run(settings(4, 1, 0, 0.0), slices, 3, 40.0);
        for (int k = 0; k < slices.size(); k++) {
            double before = rmse(slices.get(k).hu(), clean.get(k).hu());
            double after = rmse(sink.hu.get(k), clean.get(k).hu());
            assertTrue(after < 0.8 * before, "slice " + k + ": RMSE " + before + " -> " + after);
        }
    }

    @Test
    void zeroNoiseReturnsEverySliceUnchanged() throws Exception {
        List<HuImage> slices = noisy(20, 20);
        Sink sink = new Sink();
        SeriesDenoiser.Summary summary;
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(2, 1, 0, 0.0), Device.cpu())) {
            summary = d.run(new Source(slices), sink, 4, 0.0, null, null);
        }
        assertEquals(2, summary.unchanged());
        assertEquals(0L, summary.networkEvaluations());
        for (int k = 0; k < slices.size(); k++) {
            assertArrayEquals(slices.get(k).hu(), sink.hu.get(k));
            assertTrue(sink.matches.get(k).belowRange());
        }
    }

    @Test
    void estimatedLevelsAreTheMedianOfFiveNeighbouringSliceEstimates() throws Exception {
        double[] added = {50, 10, 50, 10, 10, 50};
        List<HuImage> slices = noisy(added);
        Source source = new Source(slices);
        Sink sink = new Sink();
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu())) {
            d.run(source, sink, 2, null, null, null);
        }
        NoiseLevelEstimator estimator = NoiseCalibration.forModel(PRIOR).estimator(Double.NaN); // the Source: unknown
        double[] raw = slices.stream().mapToDouble(estimator::estimate).toArray();
        for (int k = 0; k < raw.length; k++) {
            double[] window = Arrays.copyOfRange(raw, Math.max(0, k - 2), Math.min(raw.length, k + 3));
            Arrays.sort(window);
            int n = window.length;
            double median = n % 2 == 1 ? window[n / 2] : (window[n / 2 - 1] + window[n / 2]) / 2;
            assertEquals(median, sink.sigma.get(k), 1e-12, "slice " + k);
        }
        // Slice 0 (50 HU added) takes the median of 50, 10, 50: a noisy-slice level, not the 10 HU neighbour's.
        assertTrue(sink.sigma.get(0) > 25, "slice 0 level " + sink.sigma.get(0));
        // One estimate pass plus one sampling pass: every slice decoded twice, never more.
        assertEquals(2 * slices.size(), source.pulls);
    }

    /**
     * A normal-dose level given for the series replaces the prior's capped floor: each slice's level is the median
     * over ±2 slices of √(total² − given²), the settings line names it, and a level above every slice's noise leaves
     * them all unchanged without a network evaluation.
     */
    @Test
    void aGivenNormalDoseNoiseIsTakenOffEverySliceAndNamed() throws Exception {
        List<HuImage> slices = noisy(20, 25, 20);
        NoiseLevelEstimator total = new NoiseLevelEstimator(0.0, 0.0);
        double[] raw = slices.stream().mapToDouble(s -> {
            double t = total.profile(s).totalHu();
            return Math.sqrt(t * t - 16.0 * 16.0);
        }).toArray();
        double median = Arrays.stream(raw).sorted().toArray()[1];
        Sink sink = new Sink();
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu(), 16.0)) {
            d.run(new Source(slices), sink, 3, null, 2.0, null);
            assertTrue(d.describeSettings(null).contains("less the series' normal-dose noise 16.00 HU (given)"),
                    d.describeSettings(null));
        }
        for (int k = 0; k < slices.size(); k++) {
            assertEquals(median, sink.sigma.get(k), 1e-9, "slice " + k);
        }
        Sink quiet = new Sink();
        SeriesDenoiser.Summary summary;
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu(), 100.0)) {
            summary = d.run(new Source(slices), quiet, 3, null, 2.0, null);
        }
        assertEquals(3, summary.unchanged());
        assertEquals(0L, summary.networkEvaluations());
        assertArrayEquals(slices.get(1).hu(), quiet.hu.get(1));
    }

    /**
     * The prior's floor σ_ref holds at its data's 5 mm: a 1 mm series gets σ_ref·√5 taken off each slice (below
     * the total/√2 cap at 40 HU), a 5 mm or unknown one σ_ref itself; each slice's record names the floor it got.
     */
    @Test
    void thePriorsFloorIsScaledToTheSeriesSliceThicknessAndRecordedPerSlice() throws Exception {
        List<HuImage> slices = noisy(40, 42, 40);
        NoiseCalibration calibration = NoiseCalibration.forModel(PRIOR);
        assertEquals(5.0, calibration.referenceThicknessMm(), 0.0);
        NoiseLevelEstimator total = new NoiseLevelEstimator(0.0, 0.0);
        double[] totals = slices.stream().mapToDouble(s -> total.profile(s).totalHu()).toArray();
        double thinFloor = calibration.referenceTotal() * Math.sqrt(5.0);
        for (double mm : new double[] {1.0, 5.0, Double.NaN}) {
            double floor = mm == 1.0 ? thinFloor : calibration.referenceTotal();
            double median = Arrays.stream(totals).map(t -> Math.sqrt(t * t - floor * floor)).sorted().toArray()[1];
            Sink sink = new Sink();
            try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu())) {
                d.run(new Source(slices, mm), sink, 3, null, 2.0, null);
            }
            for (int k = 0; k < slices.size(); k++) {
                assertEquals(median, sink.sigma.get(k), 1e-9, mm + " mm, slice " + k);
                assertEquals(floor, sink.records.get(k).floorHu(), 1e-9, mm + " mm, slice " + k);
                String line = sink.records.get(k).describe();
                assertTrue(line.contains(String.format(Locale.ROOT, "less normal-dose %.1f HU", floor)), line);
            }
        }
    }

    /**
     * At 1 mm the prior's floor is σ_ref·√5 ≈ 22 HU: a slice of about 22 HU total is quieter than √2 times that, so
     * its floor is the cap total/√2 and its level is marked uncertain; the 40 HU slices are not. At 5 mm (floor
     * 9.9 HU) or with the level given no slice is.
     */
    @Test
    void aSliceQuieterThanTheCapIsMarkedUncertainUnlessTheLevelIsGiven() throws Exception {
        List<HuImage> slices = noisy(40, 20, 40);
        NoiseCalibration calibration = NoiseCalibration.forModel(PRIOR);
        NoiseLevelEstimator total = new NoiseLevelEstimator(0.0, 0.0);
        double thinFloor = calibration.referenceTotal() * Math.sqrt(5.0);
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            if (total.profile(slices.get(k)).totalHu() * Math.sqrt(0.5) < thinFloor) {
                expected.add(k + 1);
            }
        }
        assertEquals(List.of(2), expected, "the 20 HU slice only");
        Sink sink = new Sink();
        SeriesDenoiser.Summary thin;
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu())) {
            thin = d.run(new Source(slices, 1.0), sink, 3, null, 2.0, null);
        }
        assertEquals(expected, thin.floorCapped());
        for (int k = 0; k < slices.size(); k++) {
            boolean capped = expected.contains(k + 1);
            assertEquals(capped, sink.records.get(k).floorCapped(), "slice " + k);
            assertEquals(capped, sink.records.get(k).describe().contains("(capped, level uncertain)"),
                    sink.records.get(k).describe());
        }
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu())) {
            assertEquals(List.of(), d.run(new Source(slices, 5.0), new Sink(), 3, null, 2.0, null).floorCapped());
        }
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu(), 16.0)) {
            assertEquals(List.of(), d.run(new Source(slices, 1.0), new Sink(), 3, null, 2.0, null).floorCapped());
        }
    }

    @Test
    void eachSlicesFloorIsScaledToItsOwnThicknessBeforeTheZMedian() throws Exception {
        // A GE head series mixes 4 and 7 mm slices; here 1, 5 and 1 mm with about the same total noise.
        List<HuImage> slices = noisy(40, 42, 40);
        double[] mm = {1.0, 5.0, 1.0};
        NoiseCalibration calibration = NoiseCalibration.forModel(PRIOR);
        NoiseLevelEstimator total = new NoiseLevelEstimator(0.0, 0.0);
        double[] floors = new double[slices.size()];
        double[] excess = new double[slices.size()];
        for (int k = 0; k < slices.size(); k++) {
            double t = total.profile(slices.get(k)).totalHu();
            floors[k] = calibration.referenceTotal() * Math.sqrt(calibration.referenceThicknessMm() / mm[k]);
            assertTrue(floors[k] < t * Math.sqrt(0.5), "not capped: slice " + k);
            excess[k] = Math.sqrt(t * t - floors[k] * floors[k]);
        }
        double median = Arrays.stream(excess).sorted().toArray()[1];
        Sink sink = new Sink();
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu())) {
            d.run(new Source(slices, mm), sink, 2, null, 2.0, null);
        }
        for (int k = 0; k < slices.size(); k++) {
            assertEquals(floors[k], sink.records.get(k).floorHu(), 1e-9, "slice " + k);
            assertEquals(median, sink.sigma.get(k), 1e-9, "slice " + k);
        }
        // The thin slices' floor is sqrt 5 times the 5 mm one's, so their excess is read lower than with one floor.
        assertEquals(Math.sqrt(5.0), floors[0] / floors[1], 1e-12);
    }

    @Test
    void sameSeedGivesIdenticalPixelsWhateverTheBatchAndAnotherSeedDoesNot() throws Exception {
        // Whitening draws fresh noise from each slice's stream, so the seed matters.
        List<HuImage> slices = noisy(30, 30, 30);
        Sink a = run(settings(2, 1, 7, 0.5), slices, 1, 30.0);
        Sink b = run(settings(2, 1, 7, 0.5), slices, 3, 30.0);
        Sink c = run(settings(2, 1, 8, 0.5), slices, 3, 30.0);
        for (int k = 0; k < slices.size(); k++) {
            assertArrayEquals(a.hu.get(k), b.hu.get(k), "slice " + k);
            assertTrue(rmse(a.hu.get(k), c.hu.get(k)) > 0.1, "another seed changes slice " + k);
        }
    }

    @Test
    void bandedPassesWithFreshNoiseAreBatchIndependentAndMatchWholePasses() throws Exception {
        // Bands of 16 rows (tile 32 on 64x64 crops). The sampler's noise is drawn for the whole slice from the
        // slice's own stream before the network sees any band, so every band sees the same draw.
        List<HuImage> slices = noisy(30, 30, 30);
        DdlmSettings banded = settings(2, 1, 7, 0.5).withTile(32);
        Sink a = run(banded, slices, 1, 30.0);
        Sink b = run(banded, slices, 3, 30.0);
        Sink whole = run(banded.withTile(0), slices, 3, 30.0);
        for (int k = 0; k < slices.size(); k++) {
            assertArrayEquals(a.hu.get(k), b.hu.get(k), "slice " + k);
            assertArrayEquals(whole.hu.get(k), a.hu.get(k), 0.01f, "slice " + k);
        }
    }

    @Test
    void cancellingStopsBetweenBatches() throws Exception {
        List<HuImage> slices = noisy(30, 30, 30, 30);
        Sink sink = new Sink();
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu())) {
            assertThrows(CancellationException.class, () -> d.run(new Source(slices), sink, 1, 30.0, 2.0,
                    org.ddlm.core.Progress.of(org.ddlm.core.Progress.NONE, () -> sink.order.size() >= 2)));
        }
        assertEquals(List.of(0, 1), sink.order);
    }

    @Test
    void aFailingSourceIsReportedWithTheSliceAndItsCause() throws Exception {
        IOException broken = new IOException("disk gone");
        SeriesDenoiser.SliceSource source = new SeriesDenoiser.SliceSource() {
            @Override
            public int size() {
                return 3;
            }

            @Override
            public HuImage slice(int index) throws IOException {
                if (index == 1) {
                    throw broken;
                }
                return clean.get(index);
            }
        };
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, settings(1, 1, 0, 0.0), Device.cpu())) {
            SeriesDenoiser.SliceTransferException e = assertThrows(SeriesDenoiser.SliceTransferException.class,
                    () -> d.run(source, new Sink(), 1, null, null, null));
            assertTrue(e.getMessage().contains("slice 2") && e.getMessage().contains("disk gone"), e.getMessage());
            assertInstanceOf(IOException.class, e.getCause());
        }
    }

    @Test
    void settingsLineNamesModelSamplerAndConditioning() throws Exception {
        try (SeriesDenoiser d = SeriesDenoiser.open(PRIOR, DdlmSettings.defaults(), Device.cpu())) {
            String line = d.describeSettings(2.0);
            String byTexture = d.describeSettings(null);
            assertTrue(d.modelId().startsWith("default(sha256:"), d.modelId());
            assertTrue(line.startsWith("model " + d.modelId() + "; sampler ddim(eta=0.0), N 2,"), line);
            assertTrue(line.contains("conditioning blend zeta 0.03; c_t 2;") && line.contains("flips 2; seed 0"), line);
            assertTrue(byTexture.contains("c_t by noise sharpness (") && byTexture.contains("safety check"), byTexture);
        }
    }

    private static double rmse(float[] a, float[] b) {
        return Crops.rmse(a, b);
    }
}
