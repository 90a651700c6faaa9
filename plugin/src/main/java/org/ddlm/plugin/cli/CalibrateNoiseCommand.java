package org.ddlm.plugin.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.LocalNoise;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.NoiseMask;
import org.ddlm.diffusion.ddlm.TimeFactorCurve;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.DoseSimulator;
import org.ddlm.validation.simulate.SimulatedSlice;
import org.ddlm.validation.simulate.SpacedSlice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "calibrate-noise", description = "Calibrate the DDLM noise-level estimate (algorithms.md 6.2) on a "
        + "prior's normal-dose training data: sigma_ref,HH = median HH-band noise level over all slices; per series "
        + "kappa = median over slices of std(n)/sigma_HH(n) for simulated pure noise n = LD_sim - ND (simulate-dose "
        + "settings); the stored kappa is the median over series. Writes noise_calibration.json (put it beside the "
        + "prior's model.json).")
final class CalibrateNoiseCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "folder of normal-dose training "
            + "series (every CT stack under it is used); repeatable")
    List<Path> data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the calibration JSON to write")
    Path out;

    @Option(names = "--dose", paramLabel = "A", description = "simulated dose fraction (default ${DEFAULT-VALUE})")
    double dose = DoseSettings.DEFAULT_DOSE;

    @Option(names = "--n0", paramLabel = "N0", description = "incident photons per ray at full dose "
            + "(default ${DEFAULT-VALUE})")
    double n0 = DoseSettings.DEFAULT_N0;

    @Option(names = "--seed", paramLabel = "S", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--slices-per-series", paramLabel = "N", description = "simulate N evenly spaced slices of each "
            + "series for kappa; 0 = all (default ${DEFAULT-VALUE}). sigma_ref,HH always uses every slice")
    int slicesPerSeries = 0;

    @Option(names = "--threads", paramLabel = "N", description = "simulator threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--time-factors", paramLabel = "S:C,...", description = "the start factor c_t by noise "
            + "sharpness, points S:C with S increasing, from a denoising sweep over textures (default: the constant "
            + "${DEFAULT-VALUE}); recorded as time_factor_by_sharpness")
    String timeFactors = "0:2";

    @Option(names = "--overwrite", description = "replace an existing FILE")
    boolean overwrite;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One calibrated series: its name, slices measured, slices simulated, κ and its median σ̂_HH. */
    record SeriesKappa(String name, int slices, int simulated, double kappa, double medianHh, double medianTotal) {
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PrintWriter err = spec.commandLine().getErr();
        List<NamedStack> stacks = scan();
        DoseSettings settings;
        try {
            settings = DoseSettings.defaults(seed).withDose(dose).withN0(n0);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        DoseSimulator simulator = new DoseSimulator(settings, threads);
        int total = stacks.stream().mapToInt(s -> s.stack().size()).sum();
        Progress progress = new Progress(err, "calibrate-noise", total);

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
                CtSlice s = ns.stack().slices().get(i);
                HuImage img = s.loadHu();
                HuImage normal = img;
                double level = NoiseLevelEstimator.hhLevel(normal);
                if (Double.isNaN(level)) {
                    err.println("note: " + s.path() + ": no body region (HU > -500) to measure; skipped");
                    progress.step();
                    continue;
                }
                hh.add(level);
                double totalNoise = LocalNoise.level(normal, NoiseMask.of(normal));
                if (!Double.isNaN(totalNoise)) {
                    totals.add(totalNoise);
                }
                if (!simulate[i]) {
                    progress.step(); // σ_ref,HH is cheap and uses every slice; only κ needs the simulator
                    continue;
                }
                double[] ps = s.pixelSpacing();
                // The slice's index in its series selects its random stream, as in simulate-dose.
                SimulatedSlice low = simulator.simulate(new SpacedSlice(img, ps[0], ps[1]), i);
                pairs.add(new HuImage[] {img.withHu(low.hu()), normal});
                progress.step();
            }
            allHh.addAll(hh);
            if (pairs.isEmpty()) {
                err.println("note: series " + ns.name() + " has no usable simulated slice; no kappa");
                continue;
            }
            double kappa = NoiseLevelEstimator.calibrateKappa(pairs);
            series.add(new SeriesKappa(ns.name(), hh.size(), pairs.size(), kappa, median(hh),
                    totals.isEmpty() ? Double.NaN : median(totals)));
            err.printf(Locale.ROOT, "%s: kappa %.4f over %d simulated slice(s); median HH %.2f HU over %d%n", ns.name(),
                    kappa, pairs.size(), median(hh), hh.size());
        }
        progress.done();
        if (series.isEmpty()) {
            throw new UserException("no slice under " + data + " has a body region to calibrate on");
        }
        int simulated = series.stream().mapToInt(SeriesKappa::simulated).sum();
        double kappa = median(series.stream().map(SeriesKappa::kappa).toList());
        // σ_ref: each patient counts once (normal-dose noise differs by series far more than by slice).
        double referenceTotal = median(series.stream().map(SeriesKappa::medianTotal).filter(v -> !v.isNaN()).toList());
        NoiseCalibration calibration = new NoiseCalibration(kappa, median(allHh), referenceTotal, timeFactorCurve(),
                describe(series, allHh.size(), simulated, settings));
        writeAtomically(json(calibration, series, settings));
        printTable(calibration, series);
        return 0;
    }

    /** The --time-factors points as a curve. */
    TimeFactorCurve timeFactorCurve() throws UserException {
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

    private void checkOptions() throws UserException {
        timeFactorCurve();
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

    private record NamedStack(String name, CtStack stack) {
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
    static int[] pick(int size, int n) {
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

    private void writeAtomically(String text) throws UserException {
        try {
            org.ddlm.core.AtomicFile.writeString(out, text);
        } catch (IOException e) {
            throw new UserException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private void printTable(NoiseCalibration c, List<SeriesKappa> series) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%-46s %7s %10s %8s %13s %13s%n", "series", "slices", "simulated", "kappa", "median HH HU",
                "median tot HU");
        for (SeriesKappa s : series) {
            o.printf(Locale.ROOT, "%-46s %7d %10d %8.4f %13.2f %13.2f%n", s.name(), s.slices(), s.simulated(), s.kappa(),
                    s.medianHh(), s.medianTotal());
        }
        o.printf(Locale.ROOT, "sigma_ref %.2f HU, c_t by sharpness %s%n", c.referenceTotal(), c.timeFactors());
        o.printf(Locale.ROOT, "kappa %.4f (median over %d series), sigma_ref,HH %.2f HU%n", c.kappa(), series.size(),
                c.referenceHh());
        o.println("wrote " + out);
        o.flush();
    }
}
