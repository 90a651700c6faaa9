package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.Derivation;
import org.ddlm.dicom.DerivedSeriesWriter;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.DoseSimulator;
import org.ddlm.validation.simulate.FanBeamGeometry;
import org.ddlm.validation.simulate.ParallelBeamGeometry;
import org.ddlm.validation.simulate.ReconFilter;
import org.ddlm.validation.simulate.SimulatedSlice;
import org.ddlm.validation.simulate.SpacedSlice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "simulate-dose", description = "Make a simulated low-dose series from a normal-dose one: forward "
        + "projection, projection-domain Poisson + electronic noise for dose fraction a, noise-only filtered "
        + "back-projection added to the original (metrics.md section 8). Writes a derived DICOM series to OUT; the "
        + "same seed gives the same pixels.")
final class SimulateDoseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "normal-dose series (folder or file)")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "output folder")
    Path out;

    @Option(names = "--dose", paramLabel = "A", description = "dose fraction a in [0.001, 1] (default ${DEFAULT-VALUE})")
    double dose = DoseSettings.DEFAULT_DOSE;

    @Option(names = "--n0", paramLabel = "N0", description = "incident photons per ray at full dose "
            + "(default ${DEFAULT-VALUE})")
    double n0 = DoseSettings.DEFAULT_N0;

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

    @Option(names = "--overwrite", description = "replace a non-empty OUT whole")
    boolean overwrite;

    @Option(names = "--series-number", description = "SeriesNumber of the output (default: source + 1000)")
    Integer seriesNumber;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DoseSettings settings;
        try {
            settings = DoseSettings.defaults(seed).withDose(dose).withN0(n0).withSigmaE2(sigmaE2)
                    .withGeometry(switch (geometry) {
                        case "fan" -> FanBeamGeometry.defaults();
                        case "parallel" -> ParallelBeamGeometry.defaults();
                        default -> throw new IllegalArgumentException("--geometry takes fan or parallel");
                    }).withFilter(ReconFilter.parse(filter));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (threads < 1) {
            throw new UserException("--threads must be at least 1");
        }
        List<CtStack> stacks = StackArgs.validatedForWriting(in, out, overwrite, false);
        PrintWriter err = spec.commandLine().getErr();
        DoseSimulator simulator = new DoseSimulator(settings, threads);
        Progress progress = new Progress(err, "simulate-dose", stacks.stream().mapToInt(CtStack::size).sum());
        long lowCount = 0;
        long rays = 0;
        try (DerivedSeriesWriter writer = DerivedSeriesWriter.open(out, List.of(in), overwrite)) {
            for (CtStack stack : stacks) {
                Derivation derivation = Derivation.simulatedDose(dose, settings.describe() + "; source "
                        + sourceDose(stack)).withSeriesNumber(seriesNumber);
                DerivedSeriesWriter.StackWriter sw = writer.beginStack(stack, derivation);
                for (int i = 0; i < stack.size(); i++) {
                    CtSlice slice = stack.slices().get(i);
                    HuImage image = slice.loadHu();
                    double[] ps = slice.pixelSpacing();
                    SimulatedSlice sim = simulator.simulate(new SpacedSlice(image, ps[0], ps[1]), i);
                    lowCount += sim.lowCountRays();
                    rays += sim.rays();
                    sw.write(i, sim.hu(), image);
                    progress.step();
                }
            }
            writer.commit();
            progress.done();
            writer.stackFolders().forEach(p -> spec.commandLine().getOut().println("wrote " + p));
            if (lowCount > 0) {
                err.printf(java.util.Locale.ROOT, "note: %d of %d rays (%.3f%%) had fewer than 20 photons%n",
                        lowCount, rays, 100.0 * lowCount / rays);
            }
            if (writer.clampedPixels() > 0) {
                err.println("note: " + writer.clampedPixels() + " pixel(s) clamped to the int16 range");
            }
        }
        return 0;
    }

    /** Tube current and CTDIvol of the source, kept in DerivationDescription because the writer scales them. */
    private static String sourceDose(CtStack stack) {
        List<String> parts = new ArrayList<>();
        String ma = stack.first().attribute("XRayTubeCurrent");
        String ctdi = stack.first().attribute("CTDIvol");
        parts.add("XRayTubeCurrent " + (ma.isEmpty() ? "absent" : ma + " mA (first slice)"));
        parts.add("CTDIvol " + (ctdi.isEmpty() ? "absent" : ctdi + " mGy (first slice)"));
        return String.join(", ", parts);
    }
}
