package org.ddlm.diffusion.train;

/**
 * What the trainer reports after each optimiser step.
 *
 * @param step            steps completed so far (1 after the first)
 * @param totalSteps      steps of the whole run
 * @param loss            training loss of this step
 * @param learningRate    learning rate used by this step
 * @param gradientNorm    global gradient norm before clipping
 * @param validationLoss  validation loss (EMA weights) measured after this step, NaN when not measured
 * @param elapsedSeconds  seconds since this {@code run} call began
 * @param stepsThisRun    steps made since this {@code run} call began (for an ETA)
 */
public record StepReport(long step, long totalSteps, double loss, double learningRate, double gradientNorm,
        double validationLoss, double elapsedSeconds, long stepsThisRun) {

    /** Estimated seconds to the end at this run's average pace. */
    public double secondsRemaining() {
        return stepsThisRun == 0 ? Double.NaN : elapsedSeconds / stepsThisRun * (totalSteps - step);
    }
}
