package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddlm.plugin.bench.TextureBenchOutput;
import org.ddlm.plugin.bench.TextureCase;
import org.ddlm.plugin.workflow.TextureBenchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-textures", description = "Texture x dose benchmark of the noise estimate and of DDLM with its "
        + "defaults: each normal-dose series is made low dose by the simulator with every reconstruction filter x "
        + "geometry x dose (or, with --own-texture, with noise of the series' own texture at every dose); per case "
        + "it reports the true excess noise (std of low - full over soft tissue), ddlm's "
        + "estimate, the input, ddlm (safety check included), the best Gaussian and the best TV (each at its best "
        + "parameter for that case). Prints a table; writes texture_bench.csv, texture_bench.json and "
        + "psnr_gain_vs_texture.png into --out.")
final class BenchTexturesCommand extends Subcommand {

    @Option(names = "--data", arity = "1..*", paramLabel = "DIR", description = "normal-dose series folders (one "
            + "series each), made low dose by the simulator, e.g. the shared ../shared/data/ct/abdomen-ge-lightspeed16")
    List<Path> data = new ArrayList<>();

    @Option(names = "--own-texture", arity = "1..*", paramLabel = "DIR", description = "normal-dose series made low "
            + "dose with excess noise of their own texture instead of the simulator's, at every --doses: Gaussian "
            + "noise with the noise power spectrum measured on the series' flat soft tissue, (1/dose - 1) times its "
            + "noise variance, as a real low-dose scan of the same kernel would have (the real-kernel check, e.g. "
            + "the pair ../shared/data/ct/chest-siemens-sensation10-b40f and -b70f); texture 'own-texture'")
    List<Path> ownTexture = new ArrayList<>();

    @Option(names = "--slices", paramLabel = "N", description = "evenly spaced slices per series (default "
            + "${DEFAULT-VALUE})")
    int slices = 2;

    @Option(names = "--filters", split = ",", paramLabel = "F", description = "reconstruction filters (default "
            + "${DEFAULT-VALUE})")
    List<String> filters = new ArrayList<>(List.of("ramp", "shepp-logan", "cosine", "hann"));

    @Option(names = "--geometries", split = ",", paramLabel = "G", description = "fan and/or parallel (default "
            + "${DEFAULT-VALUE})")
    List<String> geometries = new ArrayList<>(List.of("fan", "parallel"));

    @Option(names = "--doses", split = ",", paramLabel = "A", description = "dose fractions (default ${DEFAULT-VALUE})")
    List<Double> doses = new ArrayList<>(List.of(0.1, 0.25, 0.5));

    @Option(names = "--time-factor", paramLabel = "CT", description = "calibration sweeps: this c_t for every slice "
            + "instead of the prior's c_t by texture")
    Double timeFactor;

    @Option(names = "--sampler", paramLabel = "NAME", description = "sampler studies: this sampler for the ddlm row "
            + "instead of the default (the reference stays 100-step DDIM)")
    String sampler;

    @Option(names = "--steps", paramLabel = "N", description = "sampler studies: steps for the ddlm row")
    Integer steps;

    @Option(names = "--flips", paramLabel = "F", description = "sampler studies: mirror views for the ddlm row")
    Integer flips;

    @Option(names = "--reference", description = "also run the 100-step DDIM reference at the same start (slow)")
    boolean reference;

    @Option(names = "--no-baselines", description = "skip the Gaussian and TV sweeps (for c_t calibration sweeps)")
    boolean noBaselines;

    @Option(names = "--series-normal-dose-noise", description = "give ddlm each series' own normal-dose noise (the "
            + "median over its bench slices, as 'ddlm noise' measures it), as denoise --normal-dose-noise would, "
            + "instead of the prior's level")
    boolean seriesNormalDoseNoise;

    @Mixin
    PriorOption modelOption;

    @Option(names = "--seed", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("texture-bench");

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    /** The defaults, or the sampler, steps and views asked for (every other setting stays the default). */
    private org.ddlm.diffusion.ddlm.DdlmSettings samplingSettings() throws org.ddlm.plugin.workflow.UserException {
        DdlmOptions options = new DdlmOptions();
        options.sampler = sampler;
        if (steps != null) {
            options.steps = steps;
        }
        if (flips != null) {
            options.flips = flips;
        }
        return options.toSettings();
    }

    @Override
    public Integer call() throws Exception {
        TextureBenchRequest request = TextureBenchRequest.builder(out).slices(slices).filters(filters)
                .geometries(geometries).doses(doses).timeFactor(timeFactor).reference(reference)
                .baselines(!noBaselines).seriesNormalDoseNoise(seriesNormalDoseNoise).model(modelOption.model)
                .seed(seed).settings(samplingSettings())
                .command(invocation()).build();
        if (data.isEmpty() && ownTexture.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give the normal-dose series: "
                    + "--data DIR... (simulated low dose) and/or --own-texture DIR...");
        }
        List<TextureBenchRequest.Series> series = series(data, "--data");
        List<TextureBenchRequest.Series> own = series(ownTexture, "--own-texture");
        PrintWriter err = stderr();
        List<TextureCase> results = new ArrayList<>();
        long t0 = System.nanoTime();
        request.run(series, own, deviceOptions::start, (done, total) -> {
            TextureCase c = results.get(results.size() - 1);
            err.printf(Locale.ROOT, "[%6.0f s] %d/%d %s %s %.0f%%: sigma %.1f est %.1f HU, input %.2f ddlm %.2f "
                    + "TV %.2f gauss %.2f dB%s%s%n", (System.nanoTime() - t0) / 1e9, done, total, c.series(),
                    c.texture(), 100 * c.dose(), c.trueSigma(), c.estimate(), c.input().psnrAbdomen(),
                    c.ddlm().psnrAbdomen(), c.tv().psnrAbdomen(), c.gaussian().psnrAbdomen(),
                    c.flagged() > 0 ? ", " + c.flagged() + " flagged" : "",
                    c.floorCapped() > 0 ? ", " + c.floorCapped() + " floor capped" : "");
            err.flush();
        }, results::add);
        TextureBenchOutput.print(stdout(), results);
        return 0;
    }

    /** Each folder's one series, named by the folder; {@code option} names it in errors. */
    private static List<TextureBenchRequest.Series> series(List<Path> dirs, String option) throws Exception {
        List<TextureBenchRequest.Series> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(new TextureBenchRequest.Series(d.toAbsolutePath().normalize().getFileName().toString(),
                    StackArgs.single(d, false, option)));
        }
        return out;
    }
}
