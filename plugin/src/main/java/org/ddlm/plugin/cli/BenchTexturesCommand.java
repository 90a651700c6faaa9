package org.ddlm.plugin.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.TimeFactorCurve;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.plugin.bench.BenchException;
import org.ddlm.plugin.bench.TextureBench;
import org.ddlm.plugin.bench.TextureBenchOutput;
import org.ddlm.plugin.bench.TextureCase;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.FanBeamGeometry;
import org.ddlm.validation.simulate.ParallelBeamGeometry;
import org.ddlm.validation.simulate.ReconFilter;
import org.ddlm.validation.simulate.SpacedSlice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench-textures", description = "Texture x dose benchmark of the noise estimate and of DDLM with its "
        + "defaults: each normal-dose series is made low dose by the simulator with every reconstruction filter x "
        + "geometry x dose; per case it reports the true excess noise (std of low - full over soft tissue), ddlm's "
        + "estimate, the input, ddlm (safety check included), the best Gaussian and the best TV (each at its best "
        + "parameter for that case). Prints a table; writes texture_bench.csv, texture_bench.json and "
        + "psnr_gain_vs_texture.png into --out.")
final class BenchTexturesCommand implements Callable<Integer> {

    @Option(names = "--data", arity = "1..*", required = true, paramLabel = "DIR", description = "normal-dose series "
            + "folders (one series each), e.g. the shared ../shared/data/ct/abdomen-ge-lightspeed16")
    List<Path> data = new ArrayList<>();

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

    @Option(names = "--reference", description = "also run the 100-step DDIM reference at the same start (slow)")
    boolean reference;

    @Option(names = "--no-baselines", description = "skip the Gaussian and TV sweeps (for c_t calibration sweeps)")
    boolean noBaselines;

    @Option(names = "--model", description = "default or MODEL_DIR (default ${DEFAULT-VALUE})")
    String model = PriorModels.DEFAULT;

    @Option(names = "--seed", description = "simulation seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("texture-bench");

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (slices < 1) {
            throw new UserException("--slices must be at least 1, got " + slices);
        }
        if (timeFactor != null && !(timeFactor > 0 && Double.isFinite(timeFactor))) {
            throw new UserException("--time-factor must be a positive number, got " + timeFactor);
        }
        List<DoseSettings> cases = cases();
        List<List<TextureBench.NormalSlice>> series = new ArrayList<>();
        for (Path d : data) {
            series.add(load(d));
        }
        PrintWriter err = spec.commandLine().getErr();
        Device device = deviceOptions.start();
        int threads = TorchRuntime.current().intraOp();
        NoiseCalibration calibration = NoiseCalibration.forModel(model);
        if (timeFactor != null) {
            calibration = new NoiseCalibration(calibration.kappa(), calibration.referenceHh(),
                    calibration.referenceTotal(), TimeFactorCurve.constant(timeFactor), calibration.description());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("command", "ddlm " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        facts.put("started", Instant.now());
        facts.put("device", device);
        facts.put("threads", threads);
        facts.put("calibration", calibration);
        List<TextureCase> results = new ArrayList<>();
        try (PriorModels.Opened prior = PriorModels.open(model, device);
             NDManager manager = NDManager.newBaseManager(device)) {
            facts.put("model", prior.id());
            long t0 = System.nanoTime();
            TextureBench bench = new TextureBench(prior.denoiser(), manager, calibration,
                    new DdlmOptions().toSettings(), threads, reference, !noBaselines);
            bench.run(series, cases, (c, done, total) -> {
                results.add(c);
                err.printf(Locale.ROOT, "[%6.0f s] %d/%d %s %s %.0f%%: sigma %.1f est %.1f HU, input %.2f ddlm %.2f "
                        + "TV %.2f gauss %.2f dB%s%n", (System.nanoTime() - t0) / 1e9, done, total, c.series(),
                        c.texture(), 100 * c.dose(), c.trueSigma(), c.estimate(), c.input().psnrAbdomen(),
                        c.ddlm().psnrAbdomen(), c.tv().psnrAbdomen(), c.gaussian().psnrAbdomen(),
                        c.flagged() > 0 ? ", " + c.flagged() + " flagged" : "");
                err.flush();
                try {
                    TextureBenchOutput.write(out, facts, results); // saved as it goes: a stopped run keeps its rows
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            facts.put("finished", Instant.now());
            TextureBenchOutput.write(out, facts, results);
        } catch (BenchException e) {
            throw new UserException(e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new UserException("cannot write into " + out + ": " + e.getCause().getMessage(), e);
        }
        TextureBenchOutput.print(spec.commandLine().getOut(), results);
        return 0;
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

    private List<TextureBench.NormalSlice> load(Path dir) throws Exception {
        CtStack stack = StackArgs.single(dir, false, "--data");
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        List<TextureBench.NormalSlice> out = new ArrayList<>();
        for (int i : CalibrateNoiseCommand.pick(stack.size(), Math.min(slices, stack.size()))) {
            CtSlice s = stack.slices().get(i);
            HuImage img = s.loadHu();
            double[] ps = s.pixelSpacing();
            out.add(new TextureBench.NormalSlice(name, i, new SpacedSlice(img, ps[0], ps[1])));
        }
        return out;
    }
}
