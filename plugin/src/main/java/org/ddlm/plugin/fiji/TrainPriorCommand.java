package org.ddlm.plugin.fiji;

import java.io.File;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** The SciJava form of {@link TrainPriorPlugin}, with its macro keys as parameter names; a failure cancels the module. */
@Plugin(type = Command.class, label = TrainPriorPlugin.TITLE, headless = true)
public final class TrainPriorCommand extends ContextCommand {
    // persist = false throughout: SciJava would otherwise fill an input a script leaves out with the value of an
    // earlier run (an output folder, overwrite), not the default.
    @Parameter(persist = false, label = "Data (normal-dose series, searched recursively)", style = "directory")
    private File data;

    @Parameter(persist = false, label = "Validation series (optional)", style = "directory", required = false)
    private File validation;

    @Parameter(persist = false, label = "Model folder (new)", style = "directory")
    private File model;

    @Parameter(persist = false, label = "Steps", min = "2")
    private long steps = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().steps();

    @Parameter(persist = false, label = "Batch (patches per step)", min = "1")
    private int batch = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().batchSize();

    @Parameter(persist = false, label = "Patch side (pixels)", min = "8")
    private int patch = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().patchSize();

    @Parameter(persist = false, label = "Learning rate (peak)", min = "0")
    private double learning = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().peakLearningRate();

    @Parameter(persist = false, label = "Seed")
    private long seed = 1;

    @Parameter(persist = false, label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Override
    public void run() {
        // Required folders can still arrive null from a script; the action names the missing one.
        TrainAction.Options o = new TrainAction.Options(path(data), path(validation), path(model), steps, batch, patch,
                learning, seed, device);
        MenuRun.Outcome outcome = MenuRun.run(TrainPriorPlugin.TITLE, progress -> TrainAction.run(o, progress).show());
        if (outcome.failed()) {
            cancel(outcome.failure());
        }
    }

    private static java.nio.file.Path path(File f) {
        return f == null ? null : f.toPath();
    }
}
