package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
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
import org.ddlm.validation.simulate.SpacedSlice;

/**
 * Simulates a low-dose version of a series with the validation module's projection-domain noise insertion (the same
 * pixels as {@code ddlm simulate-dose} for the same settings and seed). The result opens as a HU stack; a DICOM
 * series is written, and committed only after the last slice, when an output folder is given.
 */
final class SimulateAction {
    record Options(boolean currentImage, Path folder, double dose, double n0, double sigmaE2, long seed,
                   String geometry, String filter, Path output, boolean overwrite, boolean show) {
    }

    private SimulateAction() {
    }

    static ImagePlus run(Options o, ImagePlus current, IjProgress progress) throws Exception {
        DicomSources.Source src = o.currentImage() ? DicomSources.image(current) : DicomSources.folder(o.folder(),
                "input");
        if (!src.coversWholeStack()) {
            throw new UserException("the image holds only part of its series; open the whole series or choose its "
                    + "folder");
        }
        DoseSettings settings;
        try {
            settings = DoseSettings.defaults(o.seed()).withDose(o.dose()).withN0(o.n0()).withSigmaE2(o.sigmaE2())
                    .withGeometry(switch (o.geometry()) {
                        case "fan" -> FanBeamGeometry.defaults();
                        case "parallel" -> ParallelBeamGeometry.defaults();
                        default -> throw new IllegalArgumentException("geometry is fan or parallel");
                    }).withFilter(ReconFilter.parse(o.filter()));
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        if (o.output() != null) {
            DerivedSeriesWriter.checkOutput(o.output(), List.of(src.folder()), o.overwrite());
        }
        CtStack stack = src.stack();
        DoseSimulator simulator = new DoseSimulator(settings, Runtime.getRuntime().availableProcessors());
        List<float[]> slices = new ArrayList<>();
        List<Path> written = List.of();
        try (DerivedSeriesWriter writer = o.output() == null ? null
                : DerivedSeriesWriter.open(o.output(), List.of(src.folder()), o.overwrite())) {
            DerivedSeriesWriter.StackWriter sw = writer == null ? null
                    : writer.beginStack(stack, Derivation.simulatedDose(o.dose(), settings.describe()));
            for (int i = 0; i < stack.size(); i++) {
                if (progress.isCancelled()) {
                    throw new CancellationException("simulation cancelled after " + i + " slices");
                }
                CtSlice slice = stack.slices().get(i);
                HuImage image = slice.loadHu();
                double[] ps = slice.pixelSpacing();
                float[] hu = simulator.simulate(new SpacedSlice(image, ps[0], ps[1]), i).hu();
                slices.add(hu);
                if (sw != null) {
                    sw.write(i, hu, image);
                }
                progress.update(i + 1, stack.size());
            }
            if (writer != null) {
                writer.commit();
                written = writer.stackFolders();
            }
        }
        progress.finish(stack.size() + " slices");
        String info = "Simulated low dose (ddlm " + org.ddlm.dicom.DdlmVersion.VERSION + "): " + settings.describe()
                + "\nSource: " + src.folder() + "\n" + (written.isEmpty() ? "" : "Written: " + written.get(0) + "\n");
        String base = o.currentImage() && current != null ? current.getShortTitle()
                : String.valueOf(src.folder().getFileName());
        return HuImages.create(base + " dose " + o.dose(), src, slices, info);
    }
}
