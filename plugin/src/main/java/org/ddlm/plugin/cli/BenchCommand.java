package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddlm.plugin.bench.BenchResult;
import org.ddlm.plugin.bench.BenchTable;
import org.ddlm.plugin.bench.SampleLoader;
import org.ddlm.plugin.workflow.BenchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Quality/speed benchmark of DDLM denoising on sample scans (low dose in "
        + SampleLoader.LOW_DOSE + "/, reference in " + SampleLoader.FULL_DOSE + "/): a grid of sampler x steps x "
        + "conditioning plus the 100-step DDIM reference, the Gaussian and TV baselines at their best parameter and "
        + "the low-dose input. Per row: network evaluations and seconds per slice, PSNR/SSIM in the abdomen and wide "
        + "windows. Prints a table; writes bench.csv, bench.json and psnr_vs_nfe.png into --out.")
final class BenchCommand extends Subcommand {
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

    @Mixin
    PriorOption modelOption;

    @Option(names = "--seed", description = "root seed of the per-slice random streams (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--oracle-sigma", description = "ablation: take the noise level from the reference, "
            + "std(low - full) over the body, instead of the prior's estimator")
    boolean oracleSigma;

    @Mixin
    DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        BenchRequest request = BenchRequest.builder(samples, out).slices(slices).crop(crop).grid(grid)
                .model(modelOption.model).seed(seed).oracleSigma(oracleSigma).command(invocation()).build();
        PrintWriter err = stderr();
        PrintWriter stdout = stdout();
        List<BenchResult> rows = new ArrayList<>();
        // Row times count from the run's first line, which comes when the prior is open and the grid starts.
        long[] t0 = {0};
        List<BenchResult> results = request.run(deviceOptions::start, (done, total) -> {
            BenchResult r = rows.get(rows.size() - 1);
            err.printf(Locale.ROOT, "[%6.0f s] %s: %d/%d %s%s: PSNR %.2f dB, %.1f s/slice%n",
                    (System.nanoTime() - t0[0]) / 1e9, r.sample(), done, total, r.family(),
                    r.method().equals("ddlm") ? " N=" + r.steps() : "", r.score().psnrAbdomen(), r.secondsPerSlice());
            err.flush();
        }, rows::add, line -> {
            if (t0[0] == 0) {
                t0[0] = System.nanoTime();
            }
            err.println(line);
            err.flush();
        });
        BenchTable.print(stdout, results);
        stdout.println("written: " + out.resolve("bench.csv") + ", bench.json, psnr_vs_nfe.png");
        return 0;
    }
}
