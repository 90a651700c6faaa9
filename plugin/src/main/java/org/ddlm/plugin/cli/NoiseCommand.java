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
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.NoiseProfile;
import org.ddlm.diffusion.ddlm.NormalDoseFloor;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.pairing.StackPairing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "noise", description = "Measure the noise of a series from its pixels, as denoise does: per slice "
        + "the total noise (RMS of the 7x7 local stds over soft tissue, edges left out) and the noise in the finest "
        + "Haar diagonal band (HH), then the median total over the slices. Run on a normal-dose scan of a protocol, "
        + "that median is the value to give denoise --normal-dose-noise for low-dose scans of the same protocol "
        + "(same kernel, slice thickness and pixel size). Also says what denoise assumes without that option: the "
        + "prior's normal-dose level scaled to each slice's thickness, and the excess noise denoise would estimate "
        + "for each slice. With --reference (a full-dose scan of the same patient and position) it checks that "
        + "estimate against the truth: per slice the true excess, std(low - full) over soft tissue inside the body, "
        + "the reference's own noise, and the effective dose n^2/(n^2 + excess^2), slices paired by position.")
final class NoiseCommand extends Subcommand {
    @Parameters(paramLabel = "DIR", description = "one series (folder or file)")
    Path dir;

    @Option(names = "--json", description = "one JSON object on stdout instead of the table (for pipelines): series, "
            + "slices [{index, file, total_hu, hh_hu, slice_thickness_mm, prior_normal_dose_hu, excess_estimate_hu; "
            + "with --reference also reference_file, true_excess_hu, estimate_ratio, reference_noise_hu, "
            + "effective_dose}] (null where a slice has no soft tissue, no thickness or no partner), median_total_hu, "
            + "measured_slices, slice_thickness_mm (the median; null when the headers do not give it), "
            + "prior_normal_dose_hu (at the median thickness), normal_dose_noise_given_hu, and with --reference "
            + "reference_check {reference, paired_slices, estimate_within_15pct, estimate_within_20pct, "
            + "estimate_within_25pct, median_estimate_ratio, median_effective_dose}")
    boolean json;

    @Option(names = "--reference", paramLabel = "FULL", description = "full-dose series of the same scan: check the "
            + "excess-noise estimate against std(DIR - FULL) over soft tissue inside the body, slice by slice (paired "
            + "by position, as validate pairs them)")
    Path reference;

    @Option(names = "--match-tol", paramLabel = "MM", description = "with --reference: slice pairing tolerance along "
            + "the normal, mm (default ${DEFAULT-VALUE})")
    double matchTolerance = StackPairing.DEFAULT_TOLERANCE_MM;

    @Option(names = "--normal-dose-noise", paramLabel = "HU", description = "estimate the excess as denoise "
            + "--normal-dose-noise HU would (this protocol's own normal-dose noise taken off instead of the prior's)")
    Double normalDoseNoise;

    @Mixin
    PriorOption modelOption;

    @Override
    public Integer call() throws Exception {
        if (!(matchTolerance > 0 && matchTolerance <= StackPairing.MAX_TOLERANCE_MM)) {
            throw new ParameterException(spec.commandLine(), "--match-tol must be in (0, "
                    + StackPairing.MAX_TOLERANCE_MM + "] mm, got " + matchTolerance);
        }
        if (normalDoseNoise != null && !(normalDoseNoise >= 0.0 && Double.isFinite(normalDoseNoise))) {
            throw new ParameterException(spec.commandLine(), "--normal-dose-noise must be a finite level >= 0 HU, got "
                    + normalDoseNoise);
        }
        CtStack stack = StackArgs.single(dir, false, "DIR");
        CtSlice[] partners = reference == null ? null
                : NoiseReferenceCheck.partners(stack, dir, reference, matchTolerance);
        NormalDoseFloor floor = NoiseCalibration.forModel(modelOption.model).floor().withSeriesLevel(normalDoseNoise);
        int n = stack.size();
        NoiseProfile[] raw = new NoiseProfile[n];
        double[] priorLevels = new double[n];
        double[] thicknesses = new double[n];
        NoiseReferenceCheck.Truth[] truth = partners == null ? null : new NoiseReferenceCheck.Truth[n];
        for (int i = 0; i < n; i++) {
            thicknesses[i] = stack.sliceThicknessMm(i);
            NormalDoseFloor sliceFloor = floor.withThickness(thicknesses[i]);
            // What denoise takes off this slice by default: the prior's level at this slice's own thickness.
            priorLevels[i] = sliceFloor.priorLevel();
            HuImage low = stack.slices().get(i).loadHu();
            raw[i] = new NoiseLevelEstimator(sliceFloor).profile(low);
            if (truth != null) {
                truth[i] = NoiseReferenceCheck.Truth.of(low, partners[i]);
            }
        }
        // The excess as denoise estimates it: each slice's floor taken off, then the median over slices +-2.
        NoiseProfile[] estimates = NoiseLevelEstimator.zMedianProfiles(raw);
        List<Double> totals = new ArrayList<>();
        for (NoiseProfile p : raw) {
            if (p.measured()) {
                totals.add(p.totalHu());
            }
        }
        if (totals.isEmpty()) {
            throw new UserException(dir + ": no slice has soft tissue (-200 to 300 HU) inside the body to measure "
                    + "noise on");
        }
        double median = Median.of(totals.stream().mapToDouble(Double::doubleValue).toArray());
        double thickness = stack.sliceThicknessMm();
        double priorLevel = floor.withThickness(thickness).priorLevel();
        PrintWriter out = stdout();
        if (json) {
            JsonArray rows = new JsonArray();
            for (int i = 0; i < n; i++) {
                JsonObject row = new JsonObject();
                row.addProperty("index", i + 1);
                row.addProperty("file", stack.slices().get(i).path().getFileName().toString());
                row.addProperty("total_hu", raw[i].measured() ? raw[i].totalHu() : null);
                row.addProperty("hh_hu", raw[i].measured() ? raw[i].hhHu() : null);
                row.addProperty("slice_thickness_mm", Double.isNaN(thicknesses[i]) ? null : thicknesses[i]);
                row.addProperty("prior_normal_dose_hu", priorLevels[i]);
                row.addProperty("excess_estimate_hu", estimates[i].sigmaHu());
                if (truth != null) {
                    row.addProperty("reference_file", truth[i].file());
                    row.addProperty("true_excess_hu", finite(truth[i].excessHu()));
                    row.addProperty("estimate_ratio", finite(estimates[i].sigmaHu() / truth[i].excessHu()));
                    row.addProperty("reference_noise_hu", finite(truth[i].referenceNoiseHu()));
                    row.addProperty("effective_dose", finite(truth[i].effectiveDose()));
                }
                rows.add(row);
            }
            JsonObject o = new JsonObject();
            o.addProperty("series", dir.toString());
            o.add("slices", rows);
            o.addProperty("median_total_hu", median);
            o.addProperty("measured_slices", totals.size());
            o.addProperty("slice_thickness_mm", Double.isNaN(thickness) ? null : thickness);
            o.addProperty("prior_normal_dose_hu", priorLevel);
            o.addProperty("normal_dose_noise_given_hu", normalDoseNoise);
            if (truth != null) {
                o.add("reference_check", NoiseReferenceCheck.Summary.of(estimates, truth).json(reference));
            }
            out.println(o);
            return 0;
        }
        out.printf("%5s  %-32s %10s %8s %8s %9s %9s%s%n", "slice", "file", "total HU", "HH HU", "mm", "prior HU",
                "excess HU", truth == null ? "" : String.format(Locale.ROOT, " %9s %7s %8s %8s", "true HU", "ratio",
                        "ref HU", "eff dose"));
        for (int i = 0; i < n; i++) {
            String check = "";
            if (truth != null) {
                NoiseReferenceCheck.Truth t = truth[i];
                check = String.format(Locale.ROOT, " %9s %7s %8s %8s", hu(t.excessHu()),
                        hu(estimates[i].sigmaHu() / t.excessHu()), hu(t.referenceNoiseHu()), hu(t.effectiveDose()));
            }
            out.printf(Locale.ROOT, "%5d  %-32s %10s %8s %8s %9s %9s%s%n", i + 1, stack.slices().get(i).path()
                    .getFileName(), hu(raw[i].totalHu()), hu(raw[i].hhHu()), hu(thicknesses[i]), hu(priorLevels[i]),
                    hu(estimates[i].sigmaHu()), check);
        }
        out.printf(Locale.ROOT, "median total noise %.2f HU over %d of %d slices%n", median, totals.size(), n);
        if (normalDoseNoise != null) {
            out.printf(Locale.ROOT, "excess: the total less the given normal-dose noise %.2f HU%n", normalDoseNoise);
        } else {
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
        if (truth != null) {
            out.println(NoiseReferenceCheck.Summary.of(estimates, truth).describe(reference));
        }
        return 0;
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String hu(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
