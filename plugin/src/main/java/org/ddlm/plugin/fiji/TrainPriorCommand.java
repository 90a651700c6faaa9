package org.ddlm.plugin.fiji;

import java.io.File;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** The SciJava form of {@link TrainPriorPlugin}, with the same parameters. */
@Plugin(type = Command.class, label = TrainPriorPlugin.TITLE, headless = true)
public final class TrainPriorCommand implements Command {
    @Parameter(label = "Data (normal-dose series, searched recursively)", style = "directory")
    private File data;

    @Parameter(label = "Validation series (optional)", style = "directory", required = false)
    private File validation;

    @Parameter(label = "Model folder (new)", style = "directory")
    private File model;

    @Parameter(label = "Steps", min = "2")
    private long steps = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().steps();

    @Parameter(label = "Batch (patches per step)", min = "1")
    private int batch = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().batchSize();

    @Parameter(label = "Patch side (pixels)", min = "8")
    private int patch = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().patchSize();

    @Parameter(label = "Learning rate (peak)", min = "0")
    private double learning = org.ddlm.diffusion.train.TrainingConfig.cpuPrior().peakLearningRate();

    @Parameter(label = "Seed")
    private long seed = 1;

    @Parameter(label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Override
    public void run() {
        TrainAction.Options o = new TrainAction.Options(data.toPath(), validation == null ? null
                : validation.toPath(), model.toPath(), steps, batch, patch, learning, seed, device);
        MenuRun.run(TrainPriorPlugin.TITLE, progress -> TrainAction.run(o, progress).show());
    }
}
