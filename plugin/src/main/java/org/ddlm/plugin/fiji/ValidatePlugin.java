package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/** Plugins > LDCT Diffusion > Validate Against Reference...: PSNR/SSIM/RMSE per slice into the Results table. */
public final class ValidatePlugin implements PlugIn {
    static final String TITLE = "Validate Against Reference";

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        GenericDialog gd = new GenericDialog(TITLE);
        Inputs.addInputChoice(gd, "Test", current != null);
        Inputs.addFolderField(gd, "Folder of the test series", "");
        Inputs.addFolderField(gd, "Reference (full-dose series folder)", "");
        Inputs.addFolderField(gd, "Input (low-dose series folder; optional)", "");
        Inputs.addFolderField(gd, "Report folder (optional)", "");
        gd.addStringField("Windows (abdomen, wide, chest, full or W,L)", ValidateOptions.DEFAULT_WINDOWS, 30);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        ValidateOptions o = new ValidateOptions(gd.getNextChoice().equals(Inputs.CURRENT),
                Inputs.optionalPath(gd.getNextString()), Inputs.optionalPath(gd.getNextString()),
                Inputs.optionalPath(gd.getNextString()), Inputs.optionalPath(gd.getNextString()), gd.getNextString());
        MenuRun.run(TITLE, progress -> ValidateAction.run(o, current, progress));
    }
}
