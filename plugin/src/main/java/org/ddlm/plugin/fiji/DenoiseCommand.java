package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.WindowManager;
import java.io.File;
import org.ddlm.diffusion.net.PriorModels;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SciJava form of {@link DenoisePlugin} with the same parameters, for scripts ({@code #@ CommandService}) and
 * {@code ImageJ --headless --run}. It has no menu entry: the menu belongs to the ImageJ 1 plugin, which the Macro
 * Recorder records. Its parameter names are the macro keys of the dialog. A failure cancels the module with the
 * reason ({@code module.isCanceled()}, {@code getCancelReason()}); the denoised stack is the output {@code result}.
 */
@Plugin(type = Command.class, label = DenoisePlugin.TITLE, headless = true)
public final class DenoiseCommand extends ContextCommand {
    // persist = false throughout: SciJava would otherwise fill an input a script leaves out with the value of an
    // earlier run (an output folder, overwrite), not the default.
    @Parameter(persist = false, label = "Input", choices = {Inputs.CURRENT, Inputs.FOLDER})
    private String input = Inputs.FOLDER;

    @Parameter(persist = false, label = "Folder (DICOM series)", style = "directory", required = false)
    private File folder;

    @Parameter(persist = false, label = "Model ('default' or a trained model folder)")
    private String model = PriorModels.DEFAULT;

    // Annotation values must be constants: the same list as DenoiseOptions.SAMPLERS (a test compares them).
    @Parameter(persist = false, label = "Sampler", choices = {"ddim", "ddpm", "dpm2m", "dpm3m", "heun", "plms"})
    private String sampler = org.ddlm.plugin.workflow.Samplers.DEFAULT;

    @Parameter(persist = false, label = "Steps", min = "1")
    private int steps = org.ddlm.diffusion.ddlm.DdlmSettings.defaults().steps();

    @Parameter(persist = false, label = "Conditioning", choices = {"blend", "guidance", "guidance-x0", "none"})
    private String conditioning = "blend";

    @Parameter(persist = false, label = "Zeta (blend weight)", min = "0")
    private double zeta = org.ddlm.diffusion.ddlm.BlendHook.DEFAULT_ZETA;

    @Parameter(persist = false, label = "Time factor (start at this x noise; 0 = by noise texture)", min = "0")
    private double time = 0;

    @Parameter(persist = false, label = DenoiseDialog.NORMAL_DOSE_LABEL, min = "0")
    private double floor = 0;

    @Parameter(persist = false, label = "Flips (mirror views averaged)", choices = {"1", "2", "4"})
    private String flips = Integer.toString(org.ddlm.diffusion.ddlm.DdlmSettings.defaults().flips());

    @Parameter(persist = false, label = "Seed")
    private long seed;

    @Parameter(persist = false, label = "Batch size (slices)", min = "1")
    private int batch = 4;

    @Parameter(persist = false, label = DenoiseDialog.NOISE_LABEL, min = "0")
    private double noise;

    @Parameter(persist = false, label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Parameter(persist = false, label = "Output folder for a DICOM series (empty = none)", style = "directory", required = false)
    private File output;

    @Parameter(persist = false, label = "Overwrite output folder")
    private boolean overwrite;

    @Parameter(persist = false, label = "Show result")
    private boolean show = true;

    @Parameter(persist = false, label = "Uncertainty (spread of the views as a second stack)")
    private boolean uncertainty;

    @Parameter(type = ItemIO.OUTPUT, label = "Denoised")
    private ImagePlus result;

    @Override
    public void run() {
        DenoiseOptions options = new DenoiseOptions(Inputs.CURRENT.equals(input), folder == null ? null
                : folder.toPath(), model, sampler, steps, conditioning, zeta, time, Integer.parseInt(flips), seed, batch,
                noise, floor, device, output == null ? null : output.toPath(), overwrite, show, uncertainty);
        ImagePlus current = WindowManager.getCurrentImage();
        MenuRun.Outcome outcome = MenuRun.showing(DenoisePlugin.TITLE, show,
                progress -> DenoiseAction.run(options, current, progress));
        result = outcome.image();
        if (outcome.failed()) {
            cancel(outcome.failure());
        }
    }
}
