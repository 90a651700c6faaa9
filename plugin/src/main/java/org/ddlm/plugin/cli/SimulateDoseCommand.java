package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.dicom.CtStack;
import org.ddlm.plugin.workflow.SimulateRequest;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.simulate.DoseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "simulate-dose", description = "Make a simulated low-dose series from a normal-dose one: forward "
        + "projection, projection-domain Poisson + electronic noise for dose fraction a, noise-only filtered "
        + "back-projection added to the original (metrics.md section 8). Writes a derived DICOM series to OUT; the "
        + "same seed gives the same pixels.")
final class SimulateDoseCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "IN", description = "normal-dose series (folder or file)")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "output folder")
    Path out;

    @Option(names = "--dose", paramLabel = "A", description = "dose fraction a in [0.001, 1] (default ${DEFAULT-VALUE})")
    double dose = DoseSettings.DEFAULT_DOSE;

    @Mixin
    N0Option photons;

    @Option(names = "--sigma-e2", paramLabel = "S", description = "electronic noise variance, photons^2 "
            + "(default ${DEFAULT-VALUE})")
    double sigmaE2 = DoseSettings.DEFAULT_SIGMA_E2;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--geometry", paramLabel = "G", description = "fan (equiangular, default) or parallel")
    String geometry = "fan";

    @Option(names = "--filter", paramLabel = "F", description = "reconstruction filter: hann (default), ramp, "
            + "shepp-logan, cosine")
    String filter = "hann";

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    DerivedSeriesOptions written;

    @Override
    public Integer call() throws Exception {
        SimulateRequest.Geometry g = SimulateRequest.Geometry.parse(geometry);
        if (g == null) {
            throw new UserException("--geometry takes fan or parallel");
        }
        SimulateRequest request = SimulateRequest.builder().dose(dose).n0(photons.n0).sigmaE2(sigmaE2).seed(seed)
                .geometry(g).filter(filter).threads(threads).output(out).overwrite(written.overwrite)
                .seriesNumber(written.seriesNumber).build();
        List<CtStack> stacks = StackArgs.validatedForWriting(in, out, written.overwrite, false);
        PrintWriter err = stderr();
        TerminalProgressBar progress = new TerminalProgressBar(err, "simulate-dose",
                stacks.stream().mapToInt(CtStack::size).sum());
        SimulateRequest.Result result = request.run(stacks, List.of(in), progress, SimulateRequest.SliceListener.NONE);
        progress.done();
        result.written().forEach(p -> stdout().println("wrote " + p));
        if (result.lowCountNote() != null) {
            err.println(result.lowCountNote());
        }
        if (result.clampedPixels() > 0) {
            err.println("note: " + result.clampedPixels() + " pixel(s) clamped to the int16 range");
        }
        return 0;
    }
}
