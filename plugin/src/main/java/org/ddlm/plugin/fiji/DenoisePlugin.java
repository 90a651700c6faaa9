package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.plugin.cli.DdlmOptions;

/**
 * Plugins > LDCT Diffusion > Denoise (DDLM)...: a GenericDialog, so the Macro Recorder records it and
 * {@code run("Denoise (DDLM)...", "input=folder folder=/data/low steps=10 ...")} works in (headless) macros.
 */
public final class DenoisePlugin implements PlugIn {
    static final String TITLE = "Denoise (DDLM)";

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        GenericDialog gd = dialog(current != null);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        DenoiseOptions options = read(gd);
        MenuRun.showing(TITLE, options.show(), progress -> DenoiseAction.run(options, current, progress));
    }

    /** The dialog; the first word of each label is its macro key. */
    static GenericDialog dialog(boolean imageOpen) {
        DdlmSettings d = DdlmSettings.defaults();
        GenericDialog gd = new GenericDialog(TITLE);
        Inputs.addInputChoice(gd, "Input", imageOpen);
        Inputs.addFolderField(gd, "Folder (DICOM series)", "");
        gd.addStringField("Model ('default' or a trained model folder)", PriorModels.DEFAULT, 30);
        gd.addChoice("Sampler", DenoiseOptions.SAMPLERS, DdlmOptions.DEFAULT_SAMPLER);
        gd.addNumericField("Steps", d.steps(), 0);
        gd.addChoice("Conditioning", DenoiseOptions.CONDITIONINGS, DenoiseOptions.CONDITIONINGS[0]);
        gd.addNumericField("Zeta (blend weight)", d.zeta(), 3);
        gd.addNumericField("Time factor (start at this x noise; 0 = by noise texture)", 0, 2);
        gd.addChoice("Flips (mirror views averaged)", DenoiseOptions.FLIPS, Integer.toString(d.flips()));
        gd.addNumericField("Seed", d.seed(), 0);
        gd.addNumericField("Batch size (slices)", 4, 0);
        gd.addNumericField("Noise sigma_n (HU; 0 = estimate)", 0, 2);
        gd.addChoice("Device", DenoiseOptions.DEVICES, DenoiseOptions.DEVICES[0]);
        Inputs.addFolderField(gd, "Output folder for a DICOM series (empty = none)", "");
        gd.addCheckbox("Overwrite output folder", false);
        gd.addCheckbox("Show result", true);
        gd.addCheckbox("Uncertainty (spread of the views as a second stack)", false);
        return gd;
    }

    static DenoiseOptions read(GenericDialog gd) {
        boolean currentImage = gd.getNextChoice().equals(Inputs.CURRENT);
        String folder = gd.getNextString();
        String model = gd.getNextString().trim();
        String sampler = gd.getNextChoice();
        int steps = (int) gd.getNextNumber();
        String conditioning = gd.getNextChoice();
        double zeta = gd.getNextNumber();
        double timeFactor = gd.getNextNumber();
        int flips = Integer.parseInt(gd.getNextChoice());
        long seed = (long) gd.getNextNumber();
        int batch = (int) gd.getNextNumber();
        double sigma = gd.getNextNumber();
        String device = gd.getNextChoice();
        String output = gd.getNextString();
        boolean overwrite = gd.getNextBoolean();
        boolean show = gd.getNextBoolean();
        boolean uncertainty = gd.getNextBoolean();
        return new DenoiseOptions(currentImage, Inputs.optionalPath(folder), model.isEmpty() ? PriorModels.DEFAULT
                : model, sampler, steps, conditioning, zeta, timeFactor, flips, seed, batch, sigma, device, Inputs.optionalPath(output),
                overwrite, show, uncertainty);
    }
}
