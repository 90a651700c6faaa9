package org.ddlm.plugin.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.plugin.bench.BenchCsv;
import org.ddlm.plugin.bench.BenchException;
import org.ddlm.plugin.bench.BenchJson;
import org.ddlm.plugin.bench.BenchResult;
import org.ddlm.plugin.bench.BenchRunner;
import org.ddlm.plugin.bench.BenchSlice;
import org.ddlm.plugin.bench.BenchTable;
import org.ddlm.plugin.bench.Grid;
import org.ddlm.plugin.bench.GridRow;
import org.ddlm.plugin.bench.PsnrNfeChart;
import org.ddlm.plugin.bench.SampleLoader;
import org.ddlm.plugin.workflow.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Quality/speed benchmark of DDLM denoising on sample scans (low dose in "
        + SampleLoader.LOW_DOSE + "/, reference in " + SampleLoader.FULL_DOSE + "/): a grid of sampler x steps x "
        + "conditioning plus the 100-step DDIM reference, the Gaussian and TV baselines at their best parameter and "
        + "the low-dose input. Per row: network evaluations and seconds per slice, PSNR/SSIM in the abdomen and wide "
        + "windows. Prints a table; writes bench.csv, bench.json and psnr_vs_nfe.png into --out.")
final class BenchCommand implements Callable<Integer> {
    static final List<Path> DEFAULT_SAMPLES = List.of(Path.of("sample-scans", "abdomen-ge-lightspeed16"),
            Path.of("sample-scans", "chest-philips-brilliance16"));

    @Option(names = "--samples", arity = "1..*", paramLabel = "DIR", description = "sample folders (default: the "
            + "two bundled ones under sample-scans/)")
    List<Path> samples = new ArrayList<>(DEFAULT_SAMPLES);

    @Option(names = "--slices", paramLabel = "N", description = "first N slice pairs per sample (default: all)")
    int slices;

    @Option(names = "--crop", paramLabel = "PX", description = "central PX x PX region of each slice only (smoke runs;"
            + " seconds per slice then are not for 512x512)")
    Integer crop;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench");

    @Option(names = "--grid", paramLabel = "NAME", description = "quick, default or full (default ${DEFAULT-VALUE})")
    String grid = "default";

    @Option(names = "--model", description = "default or MODEL_DIR (default ${DEFAULT-VALUE})")
    String model = PriorModels.DEFAULT;

    @Option(names = "--seed", description = "root seed of the per-slice random streams (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--oracle-sigma", description = "ablation: take the noise level from the reference, "
            + "std(low - full) over the body, instead of the prior's estimator")
    boolean oracleSigma;

    @Mixin
    DeviceOptions deviceOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Grid.NAMES.contains(grid)) {
            throw new UserException("--grid takes one of " + Grid.NAMES + ", not '" + grid + "'");
        }
        if (crop != null && crop < 32) {
            throw new UserException("--crop must be at least 32 pixels");
        }
        List<GridRow> rows = Grid.withSeed(Grid.named(grid), seed);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            List<List<BenchSlice>> data = new ArrayList<>();
            for (Path s : samples) {
                List<BenchSlice> loaded = SampleLoader.load(s, slices);
                data.add(crop == null ? loaded : loaded.stream().map(b -> b.crop(Math.min(crop, b.low().width()),
                        Math.min(crop, b.low().height()))).toList());
            }
            Files.createDirectories(out);
            Device device = deviceOptions.start();
            ThreadCounts threads = TorchRuntime.current();
            NoiseCalibration calibration = NoiseCalibration.forModel(model);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("command", "ddlm " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            facts.put("started", Instant.now());
            facts.put("grid", grid);
            facts.put("device", device);
            facts.put("noise_level", oracleSigma ? "oracle std(low - full) over the body"
                    : "estimator, calibration: " + calibration);
            facts.put("finished", "not yet (partial results)");
            facts.put("nfe", "forwards + vector-Jacobian products per slice; cost_units = forwards + 2 x VJPs");
            List<BenchResult> results = new ArrayList<>();
            try (PriorModels.Opened prior = PriorModels.open(model, device);
                 NDManager manager = NDManager.newBaseManager(device)) {
                facts.put("model", prior.id());
                err.printf("ddlm bench: model %s, grid %s (%d DDLM rows), %d sample(s), device %s, %d thread(s); "
                        + "noise level from %s%n", prior.id(), grid, rows.size(), data.size(), device,
                        threads.intraOp(), oracleSigma ? "the reference (oracle)" : "the estimator");
                err.flush();
                long t0 = System.nanoTime();
                JsonObject machine = BenchJson.machine(threads.intraOp(), threads.interOp());
                BenchRunner runner = new BenchRunner(prior.denoiser(), manager, calibration.estimator(), oracleSigma)
                        .progress((r, done, total) -> {
                            err.printf(Locale.ROOT, "[%6.0f s] %s: %d/%d %s%s: PSNR %.2f dB, %.1f s/slice%n",
                                    (System.nanoTime() - t0) / 1e9, r.sample(), done, total, r.family(),
                                    r.method().equals("ddlm") ? " N=" + r.steps() : "", r.score().psnrAbdomen(),
                                    r.secondsPerSlice());
                            err.flush();
                            results.add(r);
                            // Saved after every row, so a long run that is stopped keeps what it measured.
                            save(facts, machine, results);
                        });
                for (List<BenchSlice> sample : data) {
                    double[] sigma = runner.run(sample, rows).sigmaHu();
                    String values = Arrays.stream(sigma).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                            .collect(Collectors.joining(" "));
                    facts.put("sigma_n_hu " + sample.get(0).sample(), values);
                    err.printf("%s: sigma_n per slice (HU): %s%n", sample.get(0).sample(), values);
                }
                facts.put("finished", Instant.now());
                save(facts, machine, results);
            }
            BenchTable.print(stdout, results);
            stdout.println("written: " + out.resolve("bench.csv") + ", bench.json, psnr_vs_nfe.png");
            return 0;
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
            BenchCsv.write(out.resolve("bench.csv"), results);
            BenchJson.write(out.resolve("bench.json"), facts, machine, results);
            PsnrNfeChart.write(out.resolve("psnr_vs_nfe.png"), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
