package org.ddlm.plugin.workflow;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ddlm.core.AtomicFile;
import org.ddlm.core.Progress;
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.ddlm.LocalNoise;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.NoiseMask;
import org.ddlm.diffusion.ddlm.TimeFactorCurve;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.DoseSimulator;
import org.ddlm.validation.simulate.SimulatedSlice;
import org.ddlm.validation.simulate.SpacedSlice;

/**
 * The noise-level calibration of a prior (algorithms.md 6.2), as {@code ddlm calibrate-noise} runs it: σ_ref,HH is the
 * median HH-band noise over every normal-dose slice, κ per series the median over slices of std(n)/σ_HH(n) for
 * simulated pure noise n = LD_sim − ND, and the stored κ the median over series. The options are checked once when
 * built; {@link #run} writes the calibration JSON whole or not at all.
 */
public final class CalibrateNoiseRequest {

    /**
     * One calibrated series: its name, slices measured, slices simulated, κ, its median σ̂_HH and total noise, and its
     * slice thickness (mm, NaN when the headers do not give it).
     */
    public record SeriesKappa(String name, int slices, int simulated, double kappa, double medianHh,
                              double medianTotal, double sliceThicknessMm) {
    }

    /** The calibration written to {@link #out()} and the per-series rows it was made from. */
    public record Result(NoiseCalibration calibration, List<SeriesKappa> series) {
    }

    private record NamedStack(String name, CtStack stack) {
    }

    private final List<Path> data;
    private final Path out;
    private final double dose;
    private final double n0;
    private final long seed;
    private final int slicesPerSeries;
    private final int threads;
    private final TimeFactorCurve curve;
    private final DoseSettings settings;

    private CalibrateNoiseRequest(Builder b, TimeFactorCurve curve) throws UserException {
        this.data = List.copyOf(b.data);
        this.out = b.out;
        this.dose = b.dose;
        this.n0 = b.n0;
        this.seed = b.seed;
        this.slicesPerSeries = b.slicesPerSeries;
        this.threads = b.threads;
        this.curve = curve;
        try {
            this.settings = DoseSettings.defaults(seed).withDose(dose).withN0(n0);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    public static Builder builder(List<Path> data, Path out) {
        return new Builder(data, out);
    }

    public Path out() {
        return out;
    }

    /**
     * Measures and simulates every stack under the data folders and writes the calibration JSON.
     *
     * @param progress told (slices done, total) after each slice and polled before each; a cancel writes nothing
     * @param log      receives the notes (skipped slices, series without κ) and one line per calibrated series
     */
    public Result run(Progress progress, Consumer<String> log) throws Exception {
        List<NamedStack> stacks = scan();
        DoseSimulator simulator = new DoseSimulator(settings, threads);
        int total = stacks.stream().mapToInt(s -> s.stack().size()).sum();
        int done = 0;

        List<Double> allHh = new ArrayList<>();
        List<SeriesKappa> series = new ArrayList<>();
        for (NamedStack ns : stacks) {
            boolean[] simulate = new boolean[ns.stack().size()];
            for (int i : pick(simulate.length, slicesPerSeries)) {
                simulate[i] = true;
            }
            List<HuImage[]> pairs = new ArrayList<>();
            List<Double> hh = new ArrayList<>();
            List<Double> totals = new ArrayList<>();
            for (int i = 0; i < simulate.length; i++) {
                progress.stopIfCancelled("calibrate-noise after " + done + " of " + total + " slices");
                CtSlice s = ns.stack().slices().get(i);
                HuImage img = s.loadHu();
                HuImage normal = img;
                double level = NoiseLevelEstimator.hhLevel(normal);
                if (Double.isNaN(level)) {
                    log.accept("note: " + s.path() + ": no body region (HU > -500) to measure; skipped");
                    progress.update(++done, total);
                    continue;
                }
                hh.add(level);
                double totalNoise = LocalNoise.level(normal, NoiseMask.of(normal));
                if (!Double.isNaN(totalNoise)) {
                    totals.add(totalNoise);
                }
                if (!simulate[i]) {
                    progress.update(++done, total); // σ_ref,HH is cheap and uses every slice; only κ needs the simulator
                    continue;
                }
                double[] ps = s.pixelSpacing();
                // The slice's index in its series selects its random stream, as in simulate-dose.
                SimulatedSlice low = simulator.simulate(new SpacedSlice(img, ps[0], ps[1]), i);
                pairs.add(new HuImage[] {img.withHu(low.hu()), normal});
                progress.update(++done, total);
            }
            allHh.addAll(hh);
            if (pairs.isEmpty()) {
                log.accept("note: series " + ns.name() + " has no usable simulated slice; no kappa");
                continue;
            }
            double kappa = NoiseLevelEstimator.calibrateKappa(pairs);
            series.add(new SeriesKappa(ns.name(), hh.size(), pairs.size(), kappa, median(hh),
                    totals.isEmpty() ? Double.NaN : median(totals), ns.stack().sliceThicknessMm()));
            log.accept(String.format(Locale.ROOT, "%s: kappa %.4f over %d simulated slice(s); median HH %.2f HU over %d",
                    ns.name(), kappa, pairs.size(), median(hh), hh.size()));
        }
        if (series.isEmpty()) {
            throw new UserException("no slice under " + data + " has a body region to calibrate on");
        }
        int simulated = series.stream().mapToInt(SeriesKappa::simulated).sum();
        double kappa = median(series.stream().map(SeriesKappa::kappa).toList());
        // σ_ref: each patient counts once (normal-dose noise differs by series far more than by slice).
        double referenceTotal = median(series.stream().map(SeriesKappa::medianTotal).filter(v -> !v.isNaN()).toList());
        // σ_ref holds at the series' typical thickness; the floor is scaled from it to each denoised series'.
        List<Double> thickness = series.stream().map(SeriesKappa::sliceThicknessMm).filter(v -> !v.isNaN()).toList();
        NoiseCalibration calibration = new NoiseCalibration(kappa, median(allHh), referenceTotal,
                thickness.isEmpty() ? Double.NaN : median(thickness), curve,
                describe(series, allHh.size(), simulated, settings));
        try {
            AtomicFile.writeString(out, json(calibration, series, settings));
        } catch (IOException e) {
            throw new UserException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return new Result(calibration, List.copyOf(series));
    }

    /** Every CT stack under the data folders, named by its folder relative to the data folder's parent. */
    private List<NamedStack> scan() throws Exception {
        List<NamedStack> out = new ArrayList<>();
        for (Path d : data) {
            Path base = d.toAbsolutePath().normalize();
            Path root = base.getParent() == null ? base : base.getParent();
            List<CtStack> stacks = new SeriesScanner().scan(d).requireStacks();
            for (CtStack s : stacks) {
                Path folder = s.first().path().toAbsolutePath().normalize().getParent();
                String name = root.relativize(folder).toString();
                long same = stacks.stream().filter(o -> o.first().path().getParent()
                        .equals(s.first().path().getParent())).count();
                out.add(new NamedStack(same > 1 ? name + " (" + s.id() + ")" : name, s));
            }
        }
        return out;
    }

    /** {@code n} indices spread evenly over {@code size} slices (each the centre of its share); all if n is 0. */
    public static int[] pick(int size, int n) {
        if (n == 0 || n >= size) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = (int) Math.floor((k + 0.5) * size / n);
        }
        return idx;
    }

    /** Median (mean of the two middle values for even counts). */
    static double median(List<Double> values) {
        return Median.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private String describe(List<SeriesKappa> series, int slices, int simulated, DoseSettings settings) {
        List<String> names = series.stream().map(SeriesKappa::name).toList();
        return String.format(Locale.ROOT, "ddlm calibrate-noise on %s (UTC): sigma_ref,HH = median over %d "
                + "normal-dose slice(s) of %d series (%s), sigma_ref = median of the per-series median local-std noise; kappa = median of the per-series kappas (%d simulated slice(s) in "
                + "all); pure noise n = LD - ND from the simulator at %s", LocalDate.now(ZoneOffset.UTC), slices,
                series.size(), String.join(", ", names), simulated, settings.describe());
    }

    /** The calibration (the keys NoiseCalibration reads) plus the per-series table and settings for the record. */
    private String json(NoiseCalibration calibration, List<SeriesKappa> series, DoseSettings settings) {
        JsonObject o = JsonParser.parseString(calibration.toJson()).getAsJsonObject();
        JsonArray rows = new JsonArray();
        for (SeriesKappa s : series) {
            JsonObject r = new JsonObject();
            r.addProperty("series", s.name());
            r.addProperty("slices", s.slices());
            r.addProperty("simulated_slices", s.simulated());
            r.addProperty("kappa", s.kappa());
            r.addProperty("median_hh_hu", s.medianHh());
            r.addProperty("median_total_hu", s.medianTotal());
            if (!Double.isNaN(s.sliceThicknessMm())) {
                r.addProperty("slice_thickness_mm", s.sliceThicknessMm());
            }
            rows.add(r);
        }
        o.add("per_series", rows);
        JsonObject sim = new JsonObject();
        sim.addProperty("dose", dose);
        sim.addProperty("n0", n0);
        sim.addProperty("seed", seed);
        sim.addProperty("slices_per_series", slicesPerSeries);
        sim.addProperty("settings", settings.describe());
        o.add("simulation", sim);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    /** The --time-factors points as a curve. */
    private static TimeFactorCurve timeFactorCurve(String timeFactors) throws UserException {
        String[] points = timeFactors.split(",");
        double[] sharp = new double[points.length];
        double[] factor = new double[points.length];
        try {
            for (int i = 0; i < points.length; i++) {
                String[] p = points[i].split(":");
                if (p.length != 2) {
                    throw new IllegalArgumentException("'" + points[i] + "' is not S:C");
                }
                sharp[i] = Double.parseDouble(p[0].trim());
                factor[i] = Double.parseDouble(p[1].trim());
            }
            return new TimeFactorCurve(sharp, factor);
        } catch (IllegalArgumentException e) {
            throw new UserException("--time-factors " + timeFactors + ": " + e.getMessage());
        }
    }

    /** The options of a calibration; {@link #build} checks them all at once. */
    public static final class Builder {
        private final List<Path> data;
        private final Path out;
        private double dose = DoseSettings.DEFAULT_DOSE;
        private double n0 = DoseSettings.DEFAULT_N0;
        private long seed = 1;
        private int slicesPerSeries;
        private int threads = Runtime.getRuntime().availableProcessors();
        private String timeFactors = "0:2";
        private boolean overwrite;

        private Builder(List<Path> data, Path out) {
            this.data = data;
            this.out = out;
        }

        public Builder dose(double value) {
            dose = value;
            return this;
        }

        public Builder n0(double value) {
            n0 = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** N evenly spaced slices of each series are simulated for κ; 0 = all. */
        public Builder slicesPerSeries(int value) {
            slicesPerSeries = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** c_t by noise sharpness as points S:C,... with S increasing. */
        public Builder timeFactors(String value) {
            timeFactors = value;
            return this;
        }

        public Builder overwrite(boolean value) {
            overwrite = value;
            return this;
        }

        /** @throws UserException naming the first option, data folder or output file that cannot work */
        public CalibrateNoiseRequest build() throws UserException {
            checkOptions();
            return new CalibrateNoiseRequest(this, timeFactorCurve(timeFactors));
        }

        private void checkOptions() throws UserException {
            timeFactorCurve(timeFactors);
            if (slicesPerSeries < 0) {
                throw new UserException("--slices-per-series must be >= 0 (0 = all), got " + slicesPerSeries);
            }
            if (threads < 1) {
                throw new UserException("--threads must be at least 1");
            }
            for (Path d : data) {
                if (!Files.isDirectory(d)) {
                    throw new UserException("--data " + d + " is not a folder");
                }
            }
            if (Files.isDirectory(out)) {
                throw new UserException("--out " + out + " is a folder; name the JSON file to write");
            }
            if (Files.exists(out) && !overwrite) {
                throw new UserException("--out " + out + " exists; add --overwrite to replace it");
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UserException("--out " + out + ": its folder does not exist");
            }
        }

    }
}
