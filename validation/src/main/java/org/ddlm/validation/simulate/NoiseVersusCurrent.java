package org.ddlm.validation.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.Roi;
import org.ddlm.validation.metrics.RoiStatistics;

/**
 * Relates image noise to tube current, for comparing the simulator with real scans (metrics.md section 8, "Real vs
 * simulated"). Physics predicts {@code sigma ~ mA^-1/2} at fixed size; with tube current modulation the mA follows
 * the patient size, so the plain slope can even be positive. Hence also a size-adjusted slope, and a model-based
 * check whose ratio real/model should be flat if the model captures both size and mA.
 */
public final class NoiseVersusCurrent {

    private NoiseVersusCurrent() {
    }

    /** One slice's noise in a centred ROI, with its tube current and water-equivalent diameter. */
    public record Measurement(double milliamp, double noiseSdHu, double meanHu, double waterEquivalentDiameterMm) {
    }

    /** A fitted slope of log(noise SD) against log(mA), with its 95 % confidence half-width. */
    public record Slope(double slope, double ci95HalfWidth, int n) {
    }

    public static Measurement measure(SpacedSlice slice, double milliamp, double roiRadiusMm) {
        RoiStatistics roi = centredRoi(slice.image().hu(), slice, roiRadiusMm);
        return new Measurement(milliamp, roi.sd(), roi.mean(), WaterEquivalentDiameter.of(slice));
    }

    /** {@code log sigma = c + k log mA}: returns k. */
    public static Slope slope(List<Measurement> ms) {
        LinearFit fit = LinearFit.of(logSd(ms), logMa(ms));
        return new Slope(fit.coefficient(1), fit.ci95HalfWidth()[1], fit.n());
    }

    /** {@code log sigma = c + k log mA + beta D_w}: returns k, the slope at fixed water-equivalent size. */
    public static Slope slopeAtFixedSize(List<Measurement> ms) {
        double[] dw = ms.stream().mapToDouble(Measurement::waterEquivalentDiameterMm).toArray();
        LinearFit fit = LinearFit.of(logSd(ms), logMa(ms), dw);
        return new Slope(fit.coefficient(1), fit.ci95HalfWidth()[1], fit.n());
    }

    private static double[] logSd(List<Measurement> ms) {
        return ms.stream().mapToDouble(m -> Math.log(m.noiseSdHu())).toArray();
    }

    private static double[] logMa(List<Measurement> ms) {
        return ms.stream().mapToDouble(m -> Math.log(m.milliamp())).toArray();
    }

    /** One simulated dose level. */
    public record SimulatedLevel(double doseFraction, double equivalentMilliamp, double totalSdHu, double addedSdHu,
                                 double calibratedN0) {
    }

    /**
     * Simulated dose sweep.
     *
     * @param fullDoseSdHu noise SD of the full-dose slice in the ROI
     * @param levels       one per target current below the full-dose current
     * @param slope        log(total SD) against log(a x full mA), over the levels and the full-dose point
     */
    public record SimulatedSweep(double fullDoseSdHu, List<SimulatedLevel> levels, Slope slope) {
    }

    /**
     * Simulates {@code fullDose} (acquired at {@code fullMilliamp}) at each lower current: a = mA / full mA.
     * Measures the total SD and the added SD (SD of simulated minus full dose) in the centred ROI, and
     * {@link N0Calibration#fromNoise N0_cal}, the N0 that would make the total equal {@code sigma_full / sqrt(a)}.
     * Currents at or above the full current are skipped.
     */
    public static SimulatedSweep simulatedSweep(SpacedSlice fullDose, double fullMilliamp, double[] targetMilliamp,
                                                DoseSettings settings, int sliceIndex, double roiRadiusMm,
                                                int threads) {
        double fullSd = centredRoi(fullDose.image().hu(), fullDose, roiRadiusMm).sd();
        List<SimulatedLevel> levels = new ArrayList<>();
        List<Measurement> points = new ArrayList<>();
        points.add(new Measurement(fullMilliamp, fullSd, Double.NaN, Double.NaN));
        for (double ma : targetMilliamp) {
            double a = ma / fullMilliamp;
            if (!(a < 1)) {
                continue;
            }
            DoseSettings s = settings.withDose(a);
            float[] sim = new DoseSimulator(s, threads).simulate(fullDose, sliceIndex).hu();
            float[] added = new float[sim.length];
            for (int i = 0; i < sim.length; i++) {
                added[i] = sim[i] - fullDose.image().hu()[i];
            }
            double total = centredRoi(sim, fullDose, roiRadiusMm).sd();
            double add = centredRoi(added, fullDose, roiRadiusMm).sd();
            double n0Cal = N0Calibration.fromNoise(s.n0(), a, add, fullSd);
            levels.add(new SimulatedLevel(a, ma, total, add, n0Cal));
            points.add(new Measurement(ma, total, Double.NaN, Double.NaN));
        }
        return new SimulatedSweep(fullSd, levels, points.size() > 2 ? slope(points) : null);
    }

    /**
     * Model-based check.
     *
     * @param c        fitted constant: N0 = c x mA photons per ray
     * @param modelSd  per slice, the model noise SD at the fitted c
     * @param ratios   per slice, real SD / model SD; flat (all near 1) if the model captures size and mA
     */
    public record ModelCheck(double c, double[] modelSd, double[] ratios) {

        /** Sample SD of the ratios, relative to their mean. */
        public double ratioSpread() {
            double mean = 0;
            for (double r : ratios) {
                mean += r / ratios.length;
            }
            double ss = 0;
            for (double r : ratios) {
                ss += (r - mean) * (r - mean);
            }
            return Math.sqrt(ss / (ratios.length - 1)) / mean;
        }
    }

    /**
     * For each slice, projects it, gives every ray the variance {@code e^p / N0} with {@code N0 = c mA_i}, and
     * reconstructs that noise alone with the settings' geometry and filter; then fits the one constant c (which also
     * absorbs the difference between our filter and the scanner's kernel) in the log domain:
     * {@code log c = 2 mean(log sigma_model(c=1) - log sigma_real)}.
     *
     * @param measured {@code measured.get(i)} belongs to {@code slices.get(i)}
     */
    public static ModelCheck modelCheck(List<SpacedSlice> slices, List<Measurement> measured, DoseSettings settings,
                                        double roiRadiusMm, int threads) {
        if (slices.size() != measured.size() || slices.size() < 2) {
            throw new IllegalArgumentException("need one measurement per slice and at least 2 slices");
        }
        double[] sdAtCOne = new double[slices.size()];
        double logC = 0;
        for (int k = 0; k < slices.size(); k++) {
            SpacedSlice slice = slices.get(k);
            double ma = measured.get(k).milliamp();
            ImageGrid grid = slice.grid();
            ScanGeometry g = settings.geometry();
            Sinogram p = JosephProjector.project(DoseSimulator.attenuation(slice.image(), settings.muWaterPerMm()),
                    grid, g.rays(grid), threads);
            double[] v = new double[p.data().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.exp(p.data()[i]) / ma;
            }
            SplittableRandom stream = SliceRandom.forSlice(settings.seed(), k);
            double[] mu = new NoiseReconstruction(g, grid, settings.filter(), threads)
                    .reconstruct(new Sinogram(p.views(), p.channels(), v), new GaussianSource(stream));
            float[] hu = new float[mu.length];
            for (int i = 0; i < mu.length; i++) {
                hu[i] = (float) (1000 / settings.muWaterPerMm() * mu[i]);
            }
            sdAtCOne[k] = centredRoi(hu, slice, roiRadiusMm).sd();
            logC += 2 * (Math.log(sdAtCOne[k]) - Math.log(measured.get(k).noiseSdHu())) / slices.size();
        }
        double c = Math.exp(logC);
        double[] model = new double[slices.size()];
        double[] ratios = new double[slices.size()];
        for (int k = 0; k < model.length; k++) {
            model[k] = sdAtCOne[k] / Math.sqrt(c);
            ratios[k] = measured.get(k).noiseSdHu() / model[k];
        }
        return new ModelCheck(c, model, ratios);
    }

    /**
     * Mean and sample SD of {@code values} (on the grid and padding of {@code slice}) in the centred circle of
     * {@code radiusMm} (metrics.md section 8), which must hold at least two pixels.
     */
    static RoiStatistics centredRoi(float[] values, SpacedSlice slice, double radiusMm) {
        HuImage image = slice.image();
        Roi circle = new Roi.CentredCircleMm(image.width(), image.height(), slice.columnSpacingMm(),
                slice.rowSpacingMm(), radiusMm);
        long n = 0;
        try {
            RoiStatistics s = RoiStatistics.of(image.withHu(values), circle);
            if (s.n() >= 2) {
                return s;
            }
            n = s.n();
        } catch (MetricException e) {
            // no usable pixel: refused below
        }
        throw new IllegalArgumentException("ROI of radius " + radiusMm + " mm holds " + n
                + " usable pixel(s); need at least 2");
    }
}
