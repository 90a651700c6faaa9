package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import org.ddlm.validation.simulate.DoseSettings;

/** Plugins > LDCT Diffusion > Simulate Low Dose...: projection-domain noise insertion for dose fraction a. */
public final class SimulateLowDosePlugin implements PlugIn {
    static final String TITLE = "Simulate Low Dose";
    static final String[] GEOMETRIES = {"fan", "parallel"};
    static final String[] FILTERS = {"hann", "ramp", "shepp-logan", "cosine"};
    static final String SERIES_NUMBER = "Series number (0 = source + 1000)";

    /** The dialog's series number: 0 (or anything not positive) asks for the source's plus 1000. */
    static Integer seriesNumber(double value) {
        return value >= 1 ? (int) value : null;
    }

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        GenericDialog gd = new GenericDialog(TITLE);
        Inputs.addInputChoice(gd, "Input", current != null);
        Inputs.addFolderField(gd, "Folder (DICOM series)", "");
        gd.addNumericField("Dose fraction a (0-1]", DoseSettings.DEFAULT_DOSE, 3);
        gd.addNumericField("N0 photons per ray at full dose", DoseSettings.DEFAULT_N0, 0);
        gd.addNumericField("Electronic noise variance", DoseSettings.DEFAULT_SIGMA_E2, 2);
        gd.addNumericField("Seed", 1, 0);
        gd.addChoice("Geometry", GEOMETRIES, GEOMETRIES[0]);
        gd.addChoice("Filter", FILTERS, FILTERS[0]);
        Inputs.addFolderField(gd, "Output folder for a DICOM series (empty = none)", "");
        gd.addCheckbox("Overwrite output folder", false);
        gd.addNumericField(SERIES_NUMBER, 0, 0);
        gd.addCheckbox("Show result", true);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        SimulateAction.Options o = new SimulateAction.Options(gd.getNextChoice().equals(Inputs.CURRENT),
                Inputs.optionalPath(gd.getNextString()), gd.getNextNumber(), gd.getNextNumber(), gd.getNextNumber(),
                (long) gd.getNextNumber(), gd.getNextChoice(), gd.getNextChoice(),
                Inputs.optionalPath(gd.getNextString()), gd.getNextBoolean(), seriesNumber(gd.getNextNumber()),
                gd.getNextBoolean());
        MenuRun.showing(TITLE, o.show(), progress -> SimulateAction.run(o, current, progress));
    }
}
