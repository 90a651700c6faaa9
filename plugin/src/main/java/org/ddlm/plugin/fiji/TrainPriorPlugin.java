package org.ddlm.plugin.fiji;

import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import org.ddlm.diffusion.train.TrainingConfig;

/** Plugins > LDCT Diffusion > Train Prior...: trains a prior on normal-dose series (long; Esc stops, writing nothing). */
public final class TrainPriorPlugin implements PlugIn {
    static final String TITLE = "Train Prior";

    @Override
    public void run(String arg) {
        TrainingConfig d = TrainingConfig.cpuPrior();
        GenericDialog gd = new GenericDialog(TITLE);
        Inputs.addFolderField(gd, "Data (normal-dose series, searched recursively)", "");
        Inputs.addFolderField(gd, "Validation series (optional)", "");
        Inputs.addFolderField(gd, "Model folder (new)", "");
        gd.addNumericField("Steps", d.steps(), 0);
        gd.addNumericField("Batch (patches per step)", d.batchSize(), 0);
        gd.addNumericField("Patch side (pixels)", d.patchSize(), 0);
        gd.addNumericField("Learning rate (peak)", d.peakLearningRate(), 6);
        gd.addNumericField("Seed", 1, 0);
        gd.addChoice("Device", DenoiseOptions.DEVICES, DenoiseOptions.DEVICES[0]);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        TrainAction.Options o = new TrainAction.Options(Inputs.optionalPath(gd.getNextString()),
                Inputs.optionalPath(gd.getNextString()), Inputs.optionalPath(gd.getNextString()),
                (long) gd.getNextNumber(), (int) gd.getNextNumber(), (int) gd.getNextNumber(), gd.getNextNumber(),
                (long) gd.getNextNumber(), gd.getNextChoice());
        MenuRun.run(TITLE, progress -> TrainAction.run(o, progress).show());
    }
}
