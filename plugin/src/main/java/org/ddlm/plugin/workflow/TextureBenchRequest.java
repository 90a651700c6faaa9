package org.ddlm.plugin.workflow;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.ddlm.core.Progress;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.TimeFactorCurve;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.plugin.bench.BenchException;
import org.ddlm.plugin.bench.OwnTexture;
import org.ddlm.plugin.bench.TextureBench;
import org.ddlm.plugin.bench.TextureBenchOutput;
import org.ddlm.plugin.bench.TextureCase;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.SpacedSlice;
import org.ddlm.validation.simulate.FanBeamGeometry;
import org.ddlm.validation.simulate.ParallelBeamGeometry;
import org.ddlm.validation.simulate.ReconFilter;

/**
 * The texture x dose benchmark of {@code ddlm bench-textures}: every normal-dose series made low dose with every
 * filter x geometry x dose (and own-texture series at every dose with noise of their own texture), then the noise
 * estimate, DDLM with its defaults and the baselines per case. The options are checked once when built;
 * {@link #run} writes texture_bench.csv/json and the chart after every case (each file whole), so a stopped run keeps
 * its rows.
 */
public final class TextureBenchRequest {

    /** One normal-dose series: its name in the results and its stack. */
    public record Series(String name, CtStack stack) {
    }

    private final Builder b;
    private final List<DoseSettings> cases;

    private TextureBenchRequest(Builder b, List<DoseSettings> cases) {
        this.b = b;
        this.cases = cases;
    }

    public static Builder builder(Path out) {
        return new Builder(out);
    }

    /**
     * Runs every simulator case on {@code series}, then every dose on {@code ownTexture} with excess noise of each
     * series' own measured texture ({@link OwnTexture}; {@link Builder#slices} evenly spaced slices of each).
     *
     * @param progress told (cases done, total) after each case and polled before each
     * @param results  receives each finished case (after the files include it), before the progress is told
     * @throws UserException when an own-texture series has too little flat soft tissue to measure its texture
     */
    public List<TextureCase> run(List<Series> series, List<Series> ownTexture, TrainRequest.DeviceStarter device,
                                 Progress progress, Consumer<TextureCase> results) throws Exception {
        List<List<TextureBench.NormalSlice>> data = new ArrayList<>();
        for (Series s : series) {
            data.add(load(s));
        }
        List<TextureBench.Job> ownJobs = new ArrayList<>();
        Map<String, Object> ownFacts = new LinkedHashMap<>();
        for (Series s : ownTexture) {
            List<TextureBench.NormalSlice> normal = load(s);
            OwnTexture texture;
            try {
                texture = OwnTexture.measure(normal);
            } catch (BenchException e) {
                throw new UserException(e.getMessage(), e);
            }
            // What the texture was measured on, beside the estimator's own normal-dose level in every row.
            ownFacts.put("own_texture " + s.name(), String.format(Locale.ROOT, "NPS over %d flat ROIs of %d px, "
                    + "normal-dose noise %.2f HU", texture.rois(), OwnTexture.ROI_PX, texture.normalDoseHu()));
            for (double d : b.doses) {
                ownJobs.add(new TextureBench.Job(normal, TextureBench.ownTexture(texture, d, b.seed)));
            }
        }
        Device dev = device.start();
        int threads = TorchRuntime.current().intraOp();
        NoiseCalibration calibration = NoiseCalibration.forModel(b.model);
        if (b.timeFactor != null) {
            calibration = calibration.withTimeFactors(TimeFactorCurve.constant(b.timeFactor));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("command", b.command);
        facts.put("started", Instant.now());
        facts.put("device", dev);
        facts.put("threads", threads);
        facts.put("calibration", calibration);
        facts.put("normal_dose_noise", b.seriesNormalDoseNoise ? "each series' own, given" : "the prior's");
        facts.putAll(ownFacts);
        List<TextureCase> all = new ArrayList<>();
        try (PriorModels.Opened prior = PriorModels.open(b.model, dev);
             NDManager manager = NDManager.newBaseManager(dev)) {
            facts.put("model", prior.id());
            TextureBench bench = new TextureBench(prior.denoiser(), manager, calibration, b.settings,
                    threads, b.reference, b.baselines, b.seriesNormalDoseNoise);
            List<TextureBench.Job> jobs = new ArrayList<>(bench.simulatorJobs(data, cases));
            jobs.addAll(ownJobs);
            bench.run(jobs, c -> {
                all.add(c);
                try {
                    TextureBenchOutput.write(b.out, facts, all);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                results.accept(c);
            }, progress);
            facts.put("finished", Instant.now());
            TextureBenchOutput.write(b.out, facts, all);
        } catch (BenchException e) {
            throw new UserException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserException("cannot write into " + b.out + ": " + e.getCause().getMessage(), e);
        }
        return List.copyOf(all);
    }

    private List<TextureBench.NormalSlice> load(Series series) throws Exception {
        CtStack stack = series.stack();
        List<TextureBench.NormalSlice> out = new ArrayList<>();
        for (int i : CalibrateNoiseRequest.pick(stack.size(), Math.min(b.slices, stack.size()))) {
            CtSlice s = stack.slices().get(i);
            HuImage img = s.loadHu();
            double[] ps = s.pixelSpacing();
            out.add(new TextureBench.NormalSlice(series.name(), i, new SpacedSlice(img, ps[0], ps[1]),
                    stack.sliceThicknessMm(i)));
        }
        return out;
    }

    /** The options of a texture benchmark; {@link #build} checks them all at once. */
    public static final class Builder {
        private final Path out;
        private int slices = 2;
        private List<String> filters = List.of("ramp", "shepp-logan", "cosine", "hann");
        private List<String> geometries = List.of("fan", "parallel");
        private List<Double> doses = List.of(0.1, 0.25, 0.5);
        private Double timeFactor;
        private boolean reference;
        private boolean baselines = true;
        private boolean seriesNormalDoseNoise;
        private String model = PriorModels.DEFAULT;
        private long seed = 1;
        private String command = "";
        private DdlmSettings settings = DdlmSettings.defaults();

        private Builder(Path out) {
            this.out = out;
        }

        /** Evenly spaced slices per series. */
        public Builder slices(int value) {
            slices = value;
            return this;
        }

        public Builder filters(List<String> value) {
            filters = List.copyOf(value);
            return this;
        }

        /** fan and/or parallel. */
        public Builder geometries(List<String> value) {
            geometries = List.copyOf(value);
            return this;
        }

        public Builder doses(List<Double> value) {
            doses = List.copyOf(value);
            return this;
        }

        /** c_t for every slice (calibration sweeps), or null for the prior's c_t by texture. */
        public Builder timeFactor(Double value) {
            timeFactor = value;
            return this;
        }

        /** Also runs the 100-step DDIM reference at the same start. */
        public Builder reference(boolean value) {
            reference = value;
            return this;
        }

        /** Sweeps the Gaussian and TV baselines (true by default). */
        public Builder baselines(boolean value) {
            baselines = value;
            return this;
        }

        /** Gives ddlm each series' own measured normal-dose noise, as {@code denoise --normal-dose-noise} would. */
        public Builder seriesNormalDoseNoise(boolean value) {
            seriesNormalDoseNoise = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        /** The simulation seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The DDLM settings of every case (a front end's defaults). */
        public Builder settings(DdlmSettings value) {
            settings = value;
            return this;
        }

        /** How the run was asked for, recorded in texture_bench.json. */
        public Builder command(String value) {
            command = value;
            return this;
        }

        /** @throws UserException naming the first option that cannot work */
        public TextureBenchRequest build() throws UserException {
            if (slices < 1) {
                throw new UserException("--slices must be at least 1, got " + slices);
            }
            if (timeFactor != null && !(timeFactor > 0 && Double.isFinite(timeFactor))) {
                throw new UserException("--time-factor must be a positive number, got " + timeFactor);
            }
            return new TextureBenchRequest(this, cases());
        }

        private List<DoseSettings> cases() throws UserException {
            List<DoseSettings> out = new ArrayList<>();
            for (String g : geometries) {
                for (String f : filters) {
                    for (double d : doses) {
                        try {
                            DoseSettings s = DoseSettings.defaults(seed).withDose(d).withFilter(ReconFilter.parse(f));
                            out.add(switch (g.trim().toLowerCase(Locale.ROOT)) {
                                case "fan" -> s.withGeometry(FanBeamGeometry.defaults());
                                case "parallel" -> s.withGeometry(ParallelBeamGeometry.defaults());
                                default -> throw new IllegalArgumentException("unknown geometry '" + g
                                        + "'; use fan or parallel");
                            });
                        } catch (IllegalArgumentException e) {
                            throw new UserException(e.getMessage(), e);
                        }
                    }
                }
            }
            return out;
        }
    }
}
