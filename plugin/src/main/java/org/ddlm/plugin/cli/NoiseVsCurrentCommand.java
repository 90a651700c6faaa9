package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.NoiseVersusCurrent;
import org.ddlm.validation.simulate.SpacedSlice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "noise-vs-current", description = "Compare real and simulated noise against tube current: measures "
        + "the noise SD in a centred ROI of each slice against its XRayTubeCurrent (log-log slope, also at fixed "
        + "water-equivalent diameter), then simulates lower currents from the highest-current slice and fits the same "
        + "slope. Quantum noise predicts -0.5. Meant for phantom series such as an ATCM ramp.")
final class NoiseVsCurrentCommand extends Subcommand {
    @Parameters(paramLabel = "DIR", description = "one series whose slices differ in tube current")
    Path dir;

    @Option(names = "--roi-mm", description = "ROI radius, mm (default ${DEFAULT-VALUE})")
    double roiMm = 25;

    @Option(names = "--n0", description = "N0 for the simulated sweep (default ${DEFAULT-VALUE})")
    double n0 = DoseSettings.DEFAULT_N0;

    @Option(names = "--seed", description = "seed of the simulated sweep (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        CtStack stack = StackArgs.single(dir, false, "DIR");
        PrintWriter out = stdout();
        List<NoiseVersusCurrent.Measurement> real = new ArrayList<>();
        SpacedSlice top = null;
        double topMa = -1;
        int topIndex = -1;
        out.printf("%-10s %8s %10s %10s %10s%n", "file", "mA", "SD HU", "mean HU", "Dw mm");
        for (int i = 0; i < stack.size(); i++) {
            CtSlice s = stack.slices().get(i);
            String ma = s.attribute("XRayTubeCurrent");
            if (ma.isEmpty()) {
                throw new UserException(s.path() + ": no XRayTubeCurrent (0018,1151); cannot relate noise to current");
            }
            HuImage img = s.loadHu();
            double[] ps = s.pixelSpacing();
            SpacedSlice slice = new SpacedSlice(img, ps[0], ps[1]);
            NoiseVersusCurrent.Measurement m = NoiseVersusCurrent.measure(slice, Double.parseDouble(ma), roiMm);
            real.add(m);
            out.printf(Locale.ROOT, "%-10s %8.1f %10.2f %10.1f %10.1f%n", s.path().getFileName().toString()
                    .replaceAll("^.*_", ""), m.milliamp(), m.noiseSdHu(), m.meanHu(), m.waterEquivalentDiameterMm());
            if (m.milliamp() > topMa) {
                topMa = m.milliamp();
                top = slice;
                topIndex = i;
            }
        }
        NoiseVersusCurrent.Slope slope = NoiseVersusCurrent.slope(real);
        NoiseVersusCurrent.Slope fixed = NoiseVersusCurrent.slopeAtFixedSize(real);
        out.printf(Locale.ROOT, "real:      slope %.3f +/- %.3f (95%% CI, n=%d); at fixed size %.3f +/- %.3f%n",
                slope.slope(), slope.ci95HalfWidth(), slope.n(), fixed.slope(), fixed.ci95HalfWidth());
        double[] targets = real.stream().mapToDouble(NoiseVersusCurrent.Measurement::milliamp).filter(v -> v < 0.999
                * real.stream().mapToDouble(NoiseVersusCurrent.Measurement::milliamp).max().orElse(0)).distinct()
                .toArray();
        NoiseVersusCurrent.SimulatedSweep sweep = NoiseVersusCurrent.simulatedSweep(top, topMa, targets,
                DoseSettings.defaults(seed).withN0(n0), topIndex, roiMm, threads);
        if (sweep.slope() == null) {
            out.println("simulated: too few lower currents to fit a slope");
        } else {
            out.printf(Locale.ROOT, "simulated: slope %.3f +/- %.3f (from the %.0f mA slice, %d levels, N0 %.3g)%n",
                    sweep.slope().slope(), sweep.slope().ci95HalfWidth(), topMa, sweep.levels().size(), n0);
        }
        return 0;
    }
}
