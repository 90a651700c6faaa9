package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.Splitting;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.plugin.denoise.CliRun;
import org.ddlm.plugin.denoise.Crops;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.plugin.workflow.Samplers;
import org.ddlm.plugin.workflow.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The DDLM options: their mapping to DdlmSettings, the help text, and that every sampler/conditioning pair denoises. */
class DenoiseCommandOptionsTest {

    private static DdlmSettings settings(String... args) throws UserException {
        DdlmOptions options = new DdlmOptions();
        new CommandLine(options).parseArgs(args);
        return options.toSettings();
    }

    @Test
    void noOptionsGiveTheLibraryDefaults() throws Exception {
        DdlmSettings d = DdlmSettings.defaults();
        DdlmSettings s = settings();
        assertEquals(d.sampler().name(), s.sampler().name());
        assertEquals(d, new DdlmSettings(d.sampler(), s.steps(), s.spacing(), s.mode(), s.zeta(), s.gamma(),
                s.splitting(), s.substep(), s.timeFactor(), s.whitening(), s.ensemble(), s.flips(), s.seed(), s.dataType(),
                s.elementwise(), s.tile()));
    }

    @Test
    void samplerNamesMapToTheirSamplers() throws Exception {
        assertEquals("ddim(eta=0.0)", settings("--sampler", "ddim").sampler().name());
        assertEquals("ddpm(fixed_small)", settings("--sampler", "ddpm").sampler().name());
        assertEquals("plms", settings("--sampler", "plms").sampler().name());
        assertEquals("dpm-solver++(2m)", settings("--sampler", "dpm2m").sampler().name());
        assertEquals("dpm-solver++(3m)", settings("--sampler", "DPM3M").sampler().name());
        assertEquals("heun", settings("--sampler", "heun").sampler().name());
    }

    @Test
    void guidanceDefaultsToStrangSplittingWithHeun() throws Exception {
        DdlmSettings g = settings("--conditioning", "guidance", "--gamma", "0.3");
        assertEquals(DdlmSettings.Mode.GUIDANCE_NETWORK, g.mode());
        assertEquals(Splitting.Scheme.STRANG, g.splitting());
        assertEquals("heun", g.sampler().name());
        assertEquals(0.3, g.gamma(), 0.0);
        assertEquals(Splitting.Scheme.LIE_TROTTER, settings("--conditioning", "guidance", "--splitting",
                "lie-trotter").splitting());
        DdlmSettings euler = settings("--conditioning", "guidance", "--splitting", "none", "--sampler", "ddim");
        assertNull(euler.splitting());
        assertEquals("ddim(eta=0.0)", euler.sampler().name());
        DdlmSettings x0 = settings("--conditioning", "guidance-x0");
        assertEquals(DdlmSettings.Mode.GUIDANCE_X0, x0.mode());
        assertNull(x0.splitting());
        assertEquals("ddim(eta=0.0)", x0.sampler().name());
    }

    @Test
    void numericOptionsReachTheSettings() throws Exception {
        DdlmSettings s = settings("--steps", "7", "--conditioning", "none", "--zeta", "0.3", "--time-factor", "1.5",
                "--whitening", "0.25", "--ensemble", "3", "--flips", "4", "--seed", "-9");
        assertEquals(7, s.steps());
        assertEquals(DdlmSettings.Mode.NONE, s.mode());
        assertEquals(0.3, s.zeta(), 0.0);
        assertEquals(1.5, s.timeFactor(), 0.0);
        assertEquals(0.25, s.whitening(), 0.0);
        assertEquals(3, s.ensemble());
        assertEquals(4, s.flips());
        assertEquals(-9L, s.seed());
    }

    @Test
    void helpExplainsEveryOptionWithItsDefault() {
        CliRun r = CliRun.of("denoise", "--help");
        assertEquals(0, r.exit(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        for (String expected : List.of("--out=OUT", "--reference=REF", "--report=DIR", "OUT-report",
                "--model=M", "--sampler=NAME", "reverse sampler: dpm2m (DPM-Solver++(2M)), dpm3m (DPM-Solver++(3M)), "
                + "ddim (eta 0), ddpm (ancestral, fixed-small variance), plms, heun (default ddim;", "--steps=N", "(default 2)", "--conditioning=C",
                "(default blend)", "--zeta=Z", "(default 0.03)", "--gamma=G", "--splitting=S", "(default strang)",
                "--time-factor=CT", "per slice from the measured noise texture", "--ensemble=K", "(default 1)", "--flips=F", "(default 2)", "--seed=S", "(default 0)",
                "--sigma=HU", "estimated per slice",
                "--normal-dose-noise=HU", "'ddlm noise'", "--batch=B", "(default 4)", "--device=D", "--threads=N",
                "--overwrite")) {
            assertTrue(help.contains(expected), "help mentions " + expected + ":\n" + r.out());
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String sampler : Samplers.BY_NAME.keySet()) {
            for (String conditioning : List.of("blend", "guidance", "guidance-x0", "none")) {
                out.add(Arguments.of(sampler, conditioning));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("pairs")
    void everySamplerAndConditioningDenoises(String sampler, String conditioning) throws Exception {
        TorchRuntime.start(ThreadCounts.of(2));
        DdlmSettings s = settings("--sampler", sampler, "--conditioning", conditioning, "--steps", "3");
        List<HuImage> noisy = Crops.noisy(40);
        List<float[]> denoised = new ArrayList<>(List.of(new float[0]));
        SeriesDenoiser.Summary summary;
        try (SeriesDenoiser d = SeriesDenoiser.open("default", s, Device.cpu())) {
            summary = d.run(new SeriesDenoiser.SliceSource() {
                @Override
                public int size() {
                    return noisy.size();
                }

                @Override
                public HuImage slice(int index) {
                    return noisy.get(index);
                }
            }, (i, hu, r) -> denoised.set(i, hu), 1, 40.0, 2.0, null);
        }
        assertTrue(summary.networkEvaluations() >= 3, "at least one evaluation per step");
        for (int k = 0; k < noisy.size(); k++) {
            double before = Crops.rmse(noisy.get(k).hu(), Crops.clean().get(k).hu());
            double after = Crops.rmse(denoised.get(k), Crops.clean().get(k).hu());
            assertTrue(after < 0.9 * before, sampler + "/" + conditioning + " slice " + k + ": RMSE " + before
                    + " -> " + after);
        }
    }
}
