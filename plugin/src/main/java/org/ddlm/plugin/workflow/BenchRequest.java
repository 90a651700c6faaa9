package org.ddlm.plugin.workflow;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.ddlm.core.Progress;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.plugin.bench.BenchCsv;
import org.ddlm.plugin.bench.BenchException;
import org.ddlm.plugin.bench.BenchJson;
import org.ddlm.plugin.bench.BenchResult;
import org.ddlm.plugin.bench.BenchRunner;
import org.ddlm.plugin.bench.Grid;
import org.ddlm.plugin.bench.GridRow;
import org.ddlm.plugin.bench.PsnrNfeChart;
import org.ddlm.plugin.bench.SampleLoader;

/**
 * The quality/speed benchmark of {@code ddlm bench}: a grid of DDLM settings, the Gaussian and TV baselines and the
 * input on sample folders. The options are checked once when built; {@link #run} writes bench.csv, bench.json and
 * psnr_vs_nfe.png after every finished row (each file whole), so a long run that is stopped keeps what it measured.
 */
public final class BenchRequest {

    private final Builder b;
    private final List<GridRow> rows;

    private BenchRequest(Builder b, List<GridRow> rows) {
        this.b = b;
        this.rows = rows;
    }

    public static Builder builder(List<Path> samples, Path out) {
        return new Builder(samples, out);
    }

    /**
     * Loads the samples, runs the grid on each and returns every row.
     *
     * @param device   starts the engine and picks the device, after the samples are loaded
     * @param progress told (rows done, rows of the sample) after each row and polled before each DDLM row
     * @param results  receives each finished row (after the files include it), before the progress is told
     * @param log      receives the run's description and each sample's noise levels
     * @throws UserException when a sample cannot be read or the output cannot be written
     */
    public List<BenchResult> run(TrainRequest.DeviceStarter device, Progress progress, Consumer<BenchResult> results,
                                 Consumer<String> log) throws Exception {
        Path out = b.out;
        try {
            List<SampleLoader.Sample> data = new ArrayList<>();
            for (Path s : b.samples) {
                SampleLoader.Sample loaded = SampleLoader.load(s, b.slices);
                data.add(b.crop == null ? loaded : loaded.crop(b.crop));
            }
            Files.createDirectories(out);
            Device dev = device.start();
            ThreadCounts threads = TorchRuntime.current();
            NoiseCalibration calibration = NoiseCalibration.forModel(b.model);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("command", b.command);
            facts.put("started", Instant.now());
            facts.put("grid", b.grid);
            facts.put("device", dev);
            facts.put("noise_level", b.oracleSigma ? "oracle std(low - full) over the body"
                    : "estimator, calibration: " + calibration);
            facts.put("finished", "not yet (partial results)");
            facts.put("nfe", "forwards + vector-Jacobian products per slice; cost_units = forwards + 2 x VJPs");
            List<BenchResult> all = new ArrayList<>();
            try (PriorModels.Opened prior = PriorModels.open(b.model, dev);
                 NDManager manager = NDManager.newBaseManager(dev)) {
                facts.put("model", prior.id());
                log.accept(String.format("ddlm bench: model %s, grid %s (%d DDLM rows), %d sample(s), device %s, %d "
                        + "thread(s); noise level from %s", prior.id(), b.grid, rows.size(), data.size(), dev,
                        threads.intraOp(), b.oracleSigma ? "the reference (oracle)" : "the estimator"));
                JsonObject machine = BenchJson.machine(threads.intraOp(), threads.interOp());
                BenchRunner runner = new BenchRunner(prior.denoiser(), manager, calibration, b.oracleSigma)
                        .results(r -> {
                            all.add(r);
                            save(facts, machine, all);
                            results.accept(r);
                        })
                        .progress(progress);
                for (SampleLoader.Sample sample : data) {
                    double[] sigma = runner.run(sample.slices(), sample.sliceThicknessMm(), rows).sigmaHu();
                    String values = Arrays.stream(sigma).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                            .collect(Collectors.joining(" "));
                    String name = sample.slices().get(0).sample();
                    facts.put("sigma_n_hu " + name, values);
                    log.accept(name + ": sigma_n per slice (HU): " + values);
                }
                facts.put("finished", Instant.now());
                save(facts, machine, all);
            }
            return List.copyOf(all);
        } catch (BenchException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException("cannot write the benchmark into " + out + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserException("cannot write the benchmark into " + out + ": " + e.getCause().getMessage(), e);
        }
    }

    private void save(Map<String, Object> facts, JsonObject machine, List<BenchResult> results) {
        try {
            BenchCsv.write(b.out.resolve("bench.csv"), results);
            BenchJson.write(b.out.resolve("bench.json"), facts, machine, results);
            PsnrNfeChart.write(b.out.resolve("psnr_vs_nfe.png"), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options of a benchmark; {@link #build} checks them all at once. */
    public static final class Builder {
        private final List<Path> samples;
        private final Path out;
        private int slices;
        private Integer crop;
        private String grid = "default";
        private String model = PriorModels.DEFAULT;
        private long seed;
        private boolean oracleSigma;
        private String command = "";

        private Builder(List<Path> samples, Path out) {
            this.samples = List.copyOf(samples);
            this.out = out;
        }

        /** The first N slice pairs per sample; 0 = all. */
        public Builder slices(int value) {
            slices = value;
            return this;
        }

        /** The central PX x PX region of each slice only, or null for whole slices. */
        public Builder crop(Integer value) {
            crop = value;
            return this;
        }

        /** quick, default or full. */
        public Builder grid(String value) {
            grid = value;
            return this;
        }

        /** default or a model folder. */
        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Takes the noise level from the reference instead of the estimator (ablation). */
        public Builder oracleSigma(boolean value) {
            oracleSigma = value;
            return this;
        }

        /** How the run was asked for, recorded in bench.json. */
        public Builder command(String value) {
            command = value;
            return this;
        }

        /** @throws UserException naming the first option that cannot work */
        public BenchRequest build() throws UserException {
            if (!Grid.NAMES.contains(grid)) {
                throw new UserException("--grid takes one of " + Grid.NAMES + ", not '" + grid + "'");
            }
            if (crop != null && crop < 32) {
                throw new UserException("--crop must be at least 32 pixels");
            }
            return new BenchRequest(this, Grid.withSeed(Grid.named(grid), seed));
        }
    }
}
