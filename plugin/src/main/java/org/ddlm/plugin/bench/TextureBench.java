package org.ddlm.plugin.bench;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ddlm.core.Progress;
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;
import org.ddlm.diffusion.ddlm.CheckedDenoiser;
import org.ddlm.diffusion.ddlm.TextureAwareDenoiser;
import org.ddlm.diffusion.ddlm.DdlmDenoiser;
import org.ddlm.diffusion.ddlm.DdlmInput;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.NoiseProfile;
import org.ddlm.diffusion.ddlm.NormalDoseFloor;
import org.ddlm.diffusion.ddlm.SliceCheck;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.validation.baseline.GaussianFilter;
import org.ddlm.validation.baseline.TvDenoiser;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.DoseSimulator;
import org.ddlm.validation.simulate.SpacedSlice;

/**
 * The texture x dose bench: normal-dose slices made low dose by the simulator with each reconstruction filter,
 * geometry and dose, or with noise of the series' own texture at each dose ({@link OwnTexture}); per case the true
 * excess noise, ddlm's estimate, the input, ddlm with its defaults (safety check included), the best Gaussian and the
 * best TV. Optional extra: the 100-step DDIM reference at the same start.
 */
public final class TextureBench {

    /**
     * One normal-dose slice with what the simulator needs, and its thickness (mm; the series' median when it gives
     * none, NaN when no slice does) for the noise estimate's floor.
     */
    public record NormalSlice(String series, int index, SpacedSlice slice, double thicknessMm) {
    }

    private final Denoiser denoiser;
    private final NDManager manager;
    private final NoiseCalibration calibration;
    private final DdlmSettings settings;
    private final int threads;
    private final boolean reference;
    private final boolean baselines;
    private final boolean seriesFloor;

    /**
     * @param reference   also run the 100-step DDIM reference
     * @param baselines   sweep the Gaussian and TV baselines (calibration sweeps of c_t skip them; their columns
     *                    then repeat the input)
     * @param seriesFloor give ddlm each series' own normal-dose noise (the median of the estimator's total over its
     *                    normal-dose bench slices), as a user who measured it on a normal-dose scan of the protocol
     *                    would ({@code --normal-dose-noise}); false for the prior's
     */
    public TextureBench(Denoiser denoiser, NDManager manager, NoiseCalibration calibration, DdlmSettings settings,
                        int threads, boolean reference, boolean baselines, boolean seriesFloor) {
        this.denoiser = denoiser;
        this.manager = manager;
        this.calibration = calibration;
        this.settings = settings;
        this.threads = threads;
        this.reference = reference;
        this.baselines = baselines;
        this.seriesFloor = seriesFloor;
    }

    /** Makes the low-dose version of one normal-dose slice. */
    @FunctionalInterface
    public interface LowDose {
        float[] of(NormalSlice normal) throws BenchException;
    }

    /**
     * How one case makes its low-dose slices.
     *
     * @param texture      the label of its noise texture in the results ("hann/fan", or {@link #OWN_TEXTURE})
     * @param dose         dose fraction
     * @param ofScansDose  true when {@code dose} is a fraction of the scan's own dose by construction (the excess is
     *                     scaled from the scan's measured noise); false when it is relative to something else (the
     *                     simulator's fixed photon count), so that the effective dose is measured
     * @param maker        gives the case's maker when the case runs (a simulator holds its projection tables only then)
     */
    public record LowDoseCase(String texture, double dose, boolean ofScansDose, Supplier<LowDose> maker) {
    }

    /** The texture label of cases whose excess noise copies the series' own ({@link OwnTexture}). */
    public static final String OWN_TEXTURE = "own-texture";

    /** One series made low dose one way. */
    public record Job(List<NormalSlice> normal, LowDoseCase lowDose) {
    }

    /** The projection-domain simulator with one filter, geometry and dose. */
    public static LowDoseCase simulated(DoseSettings dose, int threads) {
        return new LowDoseCase(dose.filter().cliName() + "/" + geometryName(dose), dose.dose(), false, () -> {
            DoseSimulator simulator = new DoseSimulator(dose, threads);
            return n -> simulator.simulate(n.slice(), n.index()).hu();
        });
    }

    /** Excess noise with the series' own measured texture ({@link OwnTexture}) at one dose. */
    public static LowDoseCase ownTexture(OwnTexture texture, double dose, long seed) {
        return new LowDoseCase(OWN_TEXTURE, dose, true, () -> n -> texture.lowDose(n, dose, seed));
    }

    /** Every series x simulator setting (one per texture and dose), in that order. */
    public List<Job> simulatorJobs(List<List<NormalSlice>> series, List<DoseSettings> cases) {
        List<Job> out = new ArrayList<>();
        for (List<NormalSlice> s : series) {
            for (DoseSettings d : cases) {
                out.add(new Job(s, simulated(d, threads)));
            }
        }
        return out;
    }

    /**
     * Every job in order.
     *
     * @param results  receives each finished case (to print it, or save partial results), before the progress is told
     * @param progress told (cases done, total) after each case and polled before each
     */
    public List<TextureCase> run(List<Job> jobs, Consumer<TextureCase> results, Progress progress)
            throws BenchException {
        List<TextureCase> out = new ArrayList<>();
        int total = jobs.size();
        for (Job job : jobs) {
            progress.stopIfCancelled("texture benchmark after " + out.size() + " of " + total + " cases");
            out.add(runCase(job.normal(), job.lowDose()));
            results.accept(out.get(out.size() - 1));
            progress.update(out.size(), total);
        }
        return out;
    }

    /** The estimator's total noise of each normal-dose slice, by identity. */
    private final Map<NormalSlice, Double> normalDoseNoise = new java.util.IdentityHashMap<>();

    TextureCase runCase(List<NormalSlice> normal, LowDoseCase dose) throws BenchException {
        LowDose maker = dose.maker().get();
        // Each slice's floor at its own thickness, as in a denoised series; a given level (the median of the
        // series' normal-dose slices, all from one series) is the same for all.
        NormalDoseFloor prior = calibration.floor();
        Double given = null;
        if (seriesFloor) {
            double[] levels = new double[normal.size()];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = normalDoseNoise(normal.get(i));
            }
            given = Median.of(levels);
        }
        Map<Integer, NormalDoseFloor> floors = new HashMap<>();
        for (NormalSlice n : normal) {
            floors.put(n.index(), prior.withThickness(n.thicknessMm()).withSeriesLevel(given));
        }
        TextureAwareDenoiser ddlm = new TextureAwareDenoiser(denoiser, settings,
                index -> new SliceCheck(floors.get(index)), manager);
        List<BenchSlice> slices = new ArrayList<>();
        List<Score> inputs = new ArrayList<>();
        List<Score> outputs = new ArrayList<>();
        List<Score> references = new ArrayList<>();
        double trueSum = 0;
        double estimateSum = 0;
        double floorSum = 0;
        double totalTrueSum = 0;
        double totalEstimateSum = 0;
        int totalWithin = 0;
        double sharpSum = 0;
        int sharpCount = 0;
        double factorSum = 0;
        double worst = 0;
        int within = 0;
        int worse = 0;
        int flagged = 0;
        int retried = 0;
        int floorCapped = 0;
        double effectiveDoseSum = 0;
        for (NormalSlice n : normal) {
            HuImage normalDose = n.slice().image();
            float[] low = maker.of(n);
            HuImage input = normalDose.withHu(low);
            BenchSlice b = new BenchSlice(n.series(), n.index(), input, normalDose);
            slices.add(b);
            double truth = OracleSigma.softTissue(b);
            NoiseProfile p = new NoiseLevelEstimator(floors.get(n.index())).profile(input);
            floorCapped += p.measured() && floors.get(n.index()).capped(p.totalHu()) ? 1 : 0;
            // The normal-dose slice is the same in every texture and dose case: measure it once.
            double normalLevel = normalDoseNoise(n);
            double totalTruth = Math.hypot(truth, normalLevel);
            floorSum += normalLevel;
            // n²/(n² + σ²). Not used for own-texture cases: the estimator's n is 0.90-1.08x the level their excess
            // was scaled from, which would move a 50 % case to 46-55 %.
            effectiveDoseSum += normalLevel * normalLevel / (totalTruth * totalTruth);
            totalTrueSum += totalTruth;
            totalEstimateSum += p.totalHu();
            totalWithin += Math.abs(p.totalHu() / totalTruth - 1) <= 0.15 ? 1 : 0;
            double error = Math.abs(p.sigmaHu() / truth - 1);
            worst = Math.max(worst, error);
            within += error <= 0.15 ? 1 : 0;
            CheckedDenoiser.Checked c = ddlm.denoise(List.of(new DdlmInput(input, n.series(), n.index(), p.sigmaHu(),
                    calibration.timeFactor(null, p))), List.of(p), null).get(0);
            Score in = Score.of(low, b);
            Score o = Score.of(c.hu(), b);
            inputs.add(in);
            outputs.add(o);
            worse += o.psnrAbdomen() < in.psnrAbdomen() ? 1 : 0;
            flagged += c.flagged() ? 1 : 0;
            retried += c.attempts() > 1 ? 1 : 0;
            trueSum += truth;
            estimateSum += p.sigmaHu();
            if (!Double.isNaN(p.sharpness())) {
                sharpSum += p.sharpness();
                sharpCount++;
            }
            factorSum += c.timeFactor();
            if (reference) {
                DdlmSettings ref = settings.withSampler(new DdimSampler(0.0), Grid.REFERENCE_STEPS);
                float[] r = new DdlmDenoiser(denoiser, ref, null, manager).denoise(List.of(new DdlmInput(input,
                        n.series(), n.index(), p.sigmaHu(), c.timeFactor())), null).get(0).hu();
                references.add(Score.of(r, b));
            }
        }
        Baselines.SweepPoint none = new Baselines.SweepPoint(Double.NaN, Score.mean(inputs), 0);
        Baselines.SweepPoint g = baselines
                ? Baselines.best(Baselines.sweep(Baselines.GAUSSIAN, GaussianFilter.SWEEP_PX, slices)) : none;
        Baselines.SweepPoint t = baselines
                ? Baselines.best(Baselines.sweep(Baselines.TV, TvDenoiser.SWEEP_LAMBDA, slices)) : none;
        int k = normal.size();
        NormalSlice first = normal.get(0);
        return new TextureCase(first.series(), dose.texture(), dose.dose(),
                first.slice().columnSpacingMm(), k, trueSum / k, estimateSum / k, worst, within,
                sharpCount == 0 ? Double.NaN : sharpSum / sharpCount, factorSum / k,
                Score.mean(inputs), Score.mean(outputs), worse, flagged, retried, g.score(),
                Baselines.GAUSSIAN.parameterLabel(g.parameter()), t.score(), Baselines.TV.parameterLabel(t.parameter()),
                reference ? Score.mean(references) : null,
                new TextureCase.TotalNoise(floorSum / k, totalTrueSum / k, totalEstimateSum / k, totalWithin),
                floorCapped, dose.ofScansDose() ? dose.dose() : effectiveDoseSum / k);
    }

    /**
     * The estimator's total noise of a normal-dose slice (the same in every case: measured once; the total does not
     * depend on the floor).
     */
    private double normalDoseNoise(NormalSlice n) {
        return normalDoseNoise.computeIfAbsent(n, k -> new NoiseLevelEstimator(calibration.floor())
                .profile(k.slice().image()).totalHu());
    }

    static String geometryName(DoseSettings d) {
        return d.geometry() instanceof org.ddlm.validation.simulate.ParallelBeamGeometry ? "parallel" : "fan";
    }
}
