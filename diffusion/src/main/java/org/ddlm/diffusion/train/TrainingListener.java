package org.ddlm.diffusion.train;

import java.nio.file.Path;

/**
 * The results of a training run as they come (each step's losses, each checkpoint), for a loss log and a status line
 * with the loss; progress and cancellation go through {@link org.ddlm.core.Progress}. Library code never prints.
 */
public interface TrainingListener {

    TrainingListener NONE = report -> { };

    void onStep(StepReport report);

    /** A checkpoint has been written (atomically) after {@code step} steps. */
    default void onCheckpoint(long step, Path file) {
    }
}
