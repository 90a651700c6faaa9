package org.ddlm.plugin.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import org.ddlm.core.Median;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.NoiseProfile;
import org.ddlm.diffusion.ddlm.NormalDoseFloor;
import org.ddlm.plugin.workflow.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "noise", description = "Measure the noise of a series from its pixels, as denoise does: per slice "
        + "the total noise (RMS of the 7x7 local stds over soft tissue, edges left out) and the noise in the finest "
        + "Haar diagonal band (HH), then the median total over the slices. Run on a normal-dose scan of a protocol, "
        + "that median is the value to give denoise --normal-dose-noise for low-dose scans of the same protocol "
        + "(same kernel, slice thickness and pixel size). Also says what denoise assumes without that option: the "
        + "prior's normal-dose level scaled to each slice's thickness.")
final class NoiseCommand extends Subcommand {
    @Parameters(paramLabel = "DIR", description = "one series (folder or file)")
    Path dir;

    @Option(names = "--json", description = "one JSON object on stdout instead of the table (for pipelines): series, "
            + "slices [{index, file, total_hu, hh_hu, slice_thickness_mm, prior_normal_dose_hu}] (null where a slice "
            + "has no soft tissue or no thickness), median_total_hu, measured_slices, slice_thickness_mm (the "
            + "median; null when the headers do not give it), prior_normal_dose_hu (at the median thickness)")
    boolean json;

    @Mixin
    PriorOption modelOption;

    @Override
    public Integer call() throws Exception {
        CtStack stack = StackArgs.single(dir, false, "DIR");
        // No floor taken off: the total noise, the measure --normal-dose-noise expects.
        NoiseLevelEstimator estimator = new NoiseLevelEstimator(0.0, 0.0);
        NormalDoseFloor prior = NoiseCalibration.forModel(modelOption.model).floor();
        PrintWriter out = stdout();
        JsonArray rows = new JsonArray();
        if (!json) {
            out.printf("%5s  %-32s %10s %8s %8s %9s%n", "slice", "file", "total HU", "HH HU", "mm", "prior HU");
        }
        List<Double> totals = new ArrayList<>();
        double[] priorLevels = new double[stack.size()];
        double[] thicknesses = new double[stack.size()];
        for (int i = 0; i < stack.size(); i++) {
            CtSlice s = stack.slices().get(i);
            NoiseProfile p = estimator.profile(s.loadHu());
            if (p.measured()) {
                totals.add(p.totalHu());
            }
            // What denoise takes off this slice by default: the prior's level at this slice's own thickness.
            thicknesses[i] = stack.sliceThicknessMm(i);
            priorLevels[i] = prior.withThickness(thicknesses[i]).priorLevel();
            if (json) {
                JsonObject row = new JsonObject();
                row.addProperty("index", i + 1);
                row.addProperty("file", s.path().getFileName().toString());
                row.addProperty("total_hu", p.measured() ? p.totalHu() : null);
                row.addProperty("hh_hu", p.measured() ? p.hhHu() : null);
                row.addProperty("slice_thickness_mm", Double.isNaN(thicknesses[i]) ? null : thicknesses[i]);
                row.addProperty("prior_normal_dose_hu", priorLevels[i]);
                rows.add(row);
            } else {
                out.printf(Locale.ROOT, "%5d  %-32s %10s %8s %8s %9s%n", i + 1, s.path().getFileName(),
                        hu(p.totalHu()), hu(p.hhHu()), hu(thicknesses[i]), hu(priorLevels[i]));
            }
        }
        if (totals.isEmpty()) {
            throw new UserException(dir + ": no slice has soft tissue (-200 to 300 HU) inside the body to measure "
                    + "noise on");
        }
        double median = Median.of(totals.stream().mapToDouble(Double::doubleValue).toArray());
        double thickness = stack.sliceThicknessMm();
        double priorLevel = prior.withThickness(thickness).priorLevel();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("series", dir.toString());
            o.add("slices", rows);
            o.addProperty("median_total_hu", median);
            o.addProperty("measured_slices", totals.size());
            o.addProperty("slice_thickness_mm", Double.isNaN(thickness) ? null : thickness);
            o.addProperty("prior_normal_dose_hu", priorLevel);
            out.println(o);
        } else {
            out.printf(Locale.ROOT, "median total noise %.2f HU over %d of %d slices%n", median, totals.size(),
                    stack.size());
            DoubleSummaryStatistics levels = Arrays.stream(priorLevels).summaryStatistics();
            if (levels.getMax() - levels.getMin() < 0.005) {
                out.printf(Locale.ROOT, "slice thickness %s mm: without --normal-dose-noise denoise takes off the "
                        + "prior's %.2f HU (at most total/sqrt 2)%n", hu(thickness), priorLevel);
            } else {
                DoubleSummaryStatistics mm = Arrays.stream(thicknesses).filter(v -> !Double.isNaN(v))
                        .summaryStatistics();
                out.printf(Locale.ROOT, "slice thickness %s to %s mm: without --normal-dose-noise denoise takes off "
                        + "the prior's level at each slice's thickness, %.2f to %.2f HU (at most total/sqrt 2)%n",
                        hu(mm.getMin()), hu(mm.getMax()), levels.getMin(), levels.getMax());
            }
        }
        return 0;
    }

    private static String hu(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
