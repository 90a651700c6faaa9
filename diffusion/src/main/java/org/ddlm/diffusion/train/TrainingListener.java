package org.ddlm.diffusion.train;

import java.nio.file.Path;

/** Progress of a training run, for a progress bar with ETA and a loss curve. Library code never prints. */
public interface TrainingListener {

    TrainingListener NONE = report -> { };

    void onStep(StepReport report);

    /** A checkpoint has been written (atomically) after {@code step} steps. */
    default void onCheckpoint(long step, Path file) {
    }
}
