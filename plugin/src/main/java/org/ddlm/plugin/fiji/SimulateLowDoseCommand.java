package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.WindowManager;
import java.io.File;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SciJava form of {@link SimulateLowDosePlugin}, with its macro keys as parameter names. A failure cancels the
 * module with the reason; the simulated stack is the output {@code result}.
 */
@Plugin(type = Command.class, label = SimulateLowDosePlugin.TITLE, headless = true)
public final class SimulateLowDoseCommand extends ContextCommand {
    // persist = false throughout: SciJava would otherwise fill an input a script leaves out with the value of an
    // earlier run (an output folder, overwrite), not the default.
    @Parameter(persist = false, label = "Input", choices = {Inputs.CURRENT, Inputs.FOLDER})
    private String input = Inputs.FOLDER;

    @Parameter(persist = false, label = "Folder (DICOM series)", style = "directory", required = false)
    private File folder;

    @Parameter(persist = false, label = "Dose fraction a (0-1]", min = "0", max = "1")
    private double dose = 0.25;

    @Parameter(persist = false, label = "N0 photons per ray at full dose", min = "1")
    private double n0 = org.ddlm.validation.simulate.DoseSettings.DEFAULT_N0;

    @Parameter(persist = false, label = "Electronic noise variance", min = "0")
    private double electronic = org.ddlm.validation.simulate.DoseSettings.DEFAULT_SIGMA_E2;

    @Parameter(persist = false, label = "Seed")
    private long seed = 1;

    @Parameter(persist = false, label = "Geometry", choices = {"fan", "parallel"})
    private String geometry = "fan";

    @Parameter(persist = false, label = "Filter", choices = {"hann", "ramp", "shepp-logan", "cosine"})
    private String filter = "hann";

    @Parameter(persist = false, label = "Output folder for a DICOM series (empty = none)", style = "directory", required = false)
    private File output;

    @Parameter(persist = false, label = "Overwrite output folder")
    private boolean overwrite;

    @Parameter(persist = false, label = SimulateLowDosePlugin.SERIES_NUMBER, min = "0")
    private int series = 0;

    @Parameter(persist = false, label = "Show result")
    private boolean show = true;

    @Parameter(type = ItemIO.OUTPUT, label = "Simulated")
    private ImagePlus result;

    @Override
    public void run() {
        SimulateAction.Options o = new SimulateAction.Options(Inputs.CURRENT.equals(input), folder == null ? null
                : folder.toPath(), dose, n0, electronic, seed, geometry, filter, output == null ? null
                : output.toPath(), overwrite, SimulateLowDosePlugin.seriesNumber(series), show);
        MenuRun.Outcome outcome = MenuRun.showing(SimulateLowDosePlugin.TITLE, show,
                progress -> SimulateAction.run(o, WindowManager.getCurrentImage(), progress));
        result = outcome.image();
        if (outcome.failed()) {
            cancel(outcome.failure());
        }
    }
}
