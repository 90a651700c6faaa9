package org.ddlm.plugin.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.Derivation;
import org.ddlm.dicom.DerivedSeriesWriter;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.DoseSimulator;
import org.ddlm.validation.simulate.FanBeamGeometry;
import org.ddlm.validation.simulate.SpacedSlice;
import org.ddlm.validation.simulate.ParallelBeamGeometry;
import org.ddlm.validation.simulate.ReconFilter;
import org.ddlm.validation.simulate.SimulatedSlice;

/**
 * A low-dose simulation of one or more stacks (metrics.md section 8), as {@code ddlm simulate-dose} and Fiji's
 * Simulate Low Dose run it: validated once when built, then {@link #run} writes the derived series (committed only
 * after the last slice; a failure or a cancel leaves nothing) with the source's tube current and CTDIvol in its
 * DerivationDescription, and counts the rays that had fewer than 20 photons.
 */
public final class SimulateRequest {

    /** The projection geometry; the front ends name it in their own words. */
    public enum Geometry {
        FAN, PARALLEL;

        /** "fan" or "parallel", or null for anything else. */
        public static Geometry parse(String name) {
            return switch (name) {
                case "fan" -> FAN;
                case "parallel" -> PARALLEL;
                default -> null;
            };
        }
    }

    /** Receives each simulated slice (HU), in order, e.g. to show the result as an image. */
    @FunctionalInterface
    public interface SliceListener {
        SliceListener NONE = (stack, index, hu) -> { };

        void simulated(CtStack stack, int index, float[] hu);
    }

    /**
     * What a run did.
     *
     * @param written       the stack folders written (empty without an output)
     * @param lowCountRays  rays with fewer than 20 photons, over all slices
     * @param clampedPixels pixels the writer clamped to the int16 range
     */
    public record Result(List<Path> written, long lowCountRays, long rays, long clampedPixels) {
        /** The note a front end shows when some rays were starved, or null. */
        public String lowCountNote() {
            return lowCountRays == 0 ? null : String.format(Locale.ROOT,
                    "note: %d of %d rays (%.3f%%) had fewer than 20 photons", lowCountRays, rays,
                    100.0 * lowCountRays / rays);
        }
    }

    private final DoseSettings settings;
    private final double dose;
    private final int threads;
    private final Path output;
    private final boolean overwrite;
    private final Integer seriesNumber;

    private SimulateRequest(Builder b, DoseSettings settings) {
        this.settings = settings;
        this.dose = b.dose;
        this.threads = b.threads;
        this.output = b.output;
        this.overwrite = b.overwrite;
        this.seriesNumber = b.seriesNumber;
    }

    public static Builder builder() {
        return new Builder();
    }

    public DoseSettings settings() {
        return settings;
    }

    public Path output() {
        return output;
    }

    /**
     * Refuses an output that is, lies inside or contains one of {@code inputs}, or is not empty without overwrite,
     * before any work (nothing is created).
     */
    public void checkOutput(Collection<Path> inputs) throws Exception {
        if (output != null) {
            DerivedSeriesWriter.checkOutput(output, inputs, overwrite);
        }
    }

    /**
     * Simulates every slice of {@code stacks} (read from {@code inputs}, which nothing may be written into).
     *
     * @param progress told (slices done, total) after each slice and polled before each
     * @throws CancellationException when cancelled; nothing is written then
     */
    public Result run(List<CtStack> stacks, Collection<Path> inputs, Progress progress, SliceListener slices)
            throws Exception {
        DoseSimulator simulator = new DoseSimulator(settings, threads);
        int total = stacks.stream().mapToInt(CtStack::size).sum();
        int done = 0;
        long lowCount = 0;
        long rays = 0;
        try (DerivedSeriesWriter writer = output == null ? null
                : DerivedSeriesWriter.open(output, inputs, overwrite)) {
            for (CtStack stack : stacks) {
                DerivedSeriesWriter.StackWriter sw = writer == null ? null
                        : writer.beginStack(stack, Derivation.simulatedDose(dose, settings.describe() + "; source "
                                + sourceDose(stack)).withSeriesNumber(seriesNumber));
                for (int i = 0; i < stack.size(); i++) {
                    if (progress.isCancelled()) {
                        throw new CancellationException("simulation cancelled after " + done + " slices");
                    }
                    CtSlice slice = stack.slices().get(i);
                    HuImage image = slice.loadHu();
                    double[] ps = slice.pixelSpacing();
                    SimulatedSlice sim = simulator.simulate(new SpacedSlice(image, ps[0], ps[1]), i);
                    lowCount += sim.lowCountRays();
                    rays += sim.rays();
                    if (sw != null) {
                        sw.write(i, sim.hu(), image);
                    }
                    slices.simulated(stack, i, sim.hu());
                    progress.update(++done, total);
                }
            }
            if (writer == null) {
                return new Result(List.of(), lowCount, rays, 0);
            }
            writer.commit();
            return new Result(writer.stackFolders(), lowCount, rays, writer.clampedPixels());
        }
    }

    /** Tube current and CTDIvol of the source, kept in DerivationDescription because the writer scales them. */
    public static String sourceDose(CtStack stack) {
        List<String> parts = new ArrayList<>();
        String ma = stack.first().attribute("XRayTubeCurrent");
        String ctdi = stack.first().attribute("CTDIvol");
        parts.add("XRayTubeCurrent " + (ma.isEmpty() ? "absent" : ma + " mA (first slice)"));
        parts.add("CTDIvol " + (ctdi.isEmpty() ? "absent" : ctdi + " mGy (first slice)"));
        return String.join(", ", parts);
    }

    /** The options of a simulation; {@link #build} checks them all at once. */
    public static final class Builder {
        private double dose = DoseSettings.DEFAULT_DOSE;
        private double n0 = DoseSettings.DEFAULT_N0;
        private double sigmaE2 = DoseSettings.DEFAULT_SIGMA_E2;
        private long seed = 1;
        private Geometry geometry = Geometry.FAN;
        private String filter = "hann";
        private int threads = Runtime.getRuntime().availableProcessors();
        private Path output;
        private boolean overwrite;
        private Integer seriesNumber;

        private Builder() {
        }

        public Builder dose(double value) {
            dose = value;
            return this;
        }

        public Builder n0(double value) {
            n0 = value;
            return this;
        }

        public Builder sigmaE2(double value) {
            sigmaE2 = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder geometry(Geometry value) {
            geometry = value;
            return this;
        }

        /** hann, ramp, shepp-logan or cosine. */
        public Builder filter(String value) {
            filter = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** Where the derived series goes; null simulates into memory only (Fiji without an output folder). */
        public Builder output(Path value) {
            output = value;
            return this;
        }

        public Builder overwrite(boolean value) {
            overwrite = value;
            return this;
        }

        /** SeriesNumber of the output, or null for the source's plus 1000. */
        public Builder seriesNumber(Integer value) {
            seriesNumber = value;
            return this;
        }

        /** @throws UserException naming the first option out of range */
        public SimulateRequest build() throws UserException {
            DoseSettings settings;
            try {
                settings = DoseSettings.defaults(seed).withDose(dose).withN0(n0).withSigmaE2(sigmaE2)
                        .withGeometry(geometry == Geometry.PARALLEL ? ParallelBeamGeometry.defaults()
                                : FanBeamGeometry.defaults())
                        .withFilter(ReconFilter.parse(filter));
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), e);
            }
            if (threads < 1) {
                throw new UserException("--threads must be at least 1");
            }
            return new SimulateRequest(this, settings);
        }
    }
}
