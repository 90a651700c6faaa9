package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.plugin.workflow.CalibrateNoiseRequest;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.simulate.DoseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "calibrate-noise", description = "Calibrate the DDLM noise-level estimate (algorithms.md 6.2) on a "
        + "prior's normal-dose training data: sigma_ref,HH = median HH-band noise level over all slices; per series "
        + "kappa = median over slices of std(n)/sigma_HH(n) for simulated pure noise n = LD_sim - ND (simulate-dose "
        + "settings); the stored kappa is the median over series. Writes noise_calibration.json (put it beside the "
        + "prior's model.json).")
final class CalibrateNoiseCommand extends Subcommand {
    @Option(names = "--data", paramLabel = "DIR", required = true, description = "folder of normal-dose training "
            + "series (every CT stack under it is used); repeatable")
    List<Path> data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the calibration JSON to write")
    Path out;

    @Option(names = "--dose", paramLabel = "A", description = "simulated dose fraction (default ${DEFAULT-VALUE})")
    double dose = DoseSettings.DEFAULT_DOSE;

    @Mixin
    N0Option photons;

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

    @Override
    public Integer call() throws Exception {
        CalibrateNoiseRequest request = CalibrateNoiseRequest.builder(data, out).dose(dose).n0(photons.n0).seed(seed)
                .slicesPerSeries(slicesPerSeries).threads(threads).timeFactors(timeFactors).overwrite(overwrite)
                .build();
        PrintWriter err = stderr();
        // The bar's total is told by the run; its closing line comes before the outcome, as a failure's message.
        TerminalProgressBar progress = new TerminalProgressBar(err, "calibrate-noise", 0);
        CalibrateNoiseRequest.Result result;
        try {
            result = request.run(progress, err::println);
        } catch (UserException e) {
            progress.done();
            throw e;
        }
        progress.done();
        printTable(result.calibration(), result.series());
        return 0;
    }

    private void printTable(NoiseCalibration c, List<CalibrateNoiseRequest.SeriesKappa> series) {
        PrintWriter o = stdout();
        o.printf("%-46s %7s %10s %8s %13s %13s%n", "series", "slices", "simulated", "kappa", "median HH HU",
                "median tot HU");
        for (CalibrateNoiseRequest.SeriesKappa s : series) {
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
