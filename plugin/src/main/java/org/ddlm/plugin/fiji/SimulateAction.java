package org.ddlm.plugin.fiji;

import ij.IJ;
import ij.ImagePlus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.dicom.CtStack;
import org.ddlm.plugin.workflow.SimulateRequest;
import org.ddlm.plugin.workflow.UserException;

/**
 * Simulates a low-dose version of a series through the same {@link SimulateRequest} as {@code ddlm simulate-dose}
 * (the same pixels and the same DerivationDescription for the same settings and seed). The result opens as a HU
 * stack; a DICOM series is written, and committed only after the last slice, when an output folder is given.
 */
final class SimulateAction {
    /** @param seriesNumber SeriesNumber of the written series, or null for the source's plus 1000 */
    record Options(boolean currentImage, Path folder, double dose, double n0, double sigmaE2, long seed,
                   String geometry, String filter, Path output, boolean overwrite, Integer seriesNumber, boolean show) {
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
        SimulateRequest.Geometry geometry = SimulateRequest.Geometry.parse(o.geometry());
        if (geometry == null) {
            throw new UserException("geometry is fan or parallel");
        }
        SimulateRequest request = SimulateRequest.builder().dose(o.dose()).n0(o.n0()).sigmaE2(o.sigmaE2())
                .seed(o.seed()).geometry(geometry).filter(o.filter()).output(o.output()).overwrite(o.overwrite())
                .seriesNumber(o.seriesNumber()).build();
        request.checkOutput(List.of(src.folder()));
        CtStack stack = src.stack();
        List<float[]> slices = new ArrayList<>();
        SimulateRequest.Result result = request.run(List.of(stack), List.of(src.folder()), progress,
                (s, i, hu) -> slices.add(hu));
        progress.finish(stack.size() + " slices");
        String note = result.lowCountNote();
        if (note != null) {
            IJ.log(SimulateLowDosePlugin.TITLE + ": " + note);
        }
        List<Path> written = result.written();
        String info = "Simulated low dose (ddlm " + org.ddlm.dicom.DdlmVersion.VERSION + "): "
                + request.settings().describe() + "\nSource: " + src.folder() + "; "
                + SimulateRequest.sourceDose(stack) + "\n" + (note == null ? "" : note + "\n")
                + (written.isEmpty() ? "" : "Written: " + written.get(0) + "\n");
        String base = o.currentImage() && current != null ? current.getShortTitle()
                : String.valueOf(src.folder().getFileName());
        return HuImages.create(base + " dose " + o.dose(), src, slices, info);
    }
}
