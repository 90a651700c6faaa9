package org.ddlm.diffusion.train;

import java.util.SplittableRandom;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.NoiseTexture;

/**
 * A fixed set of held-out patches, times and noise images, drawn once from (seed, VALIDATION), so
 * the validation loss of different steps (and of resumed runs) measures the same thing. Times are
 * stratified, u_i = (i + ½)/N·u_max, which lowers the variance of the estimate.
 *
 * @param clean model-unit patches, N·P² values
 * @param time  u per patch
 * @param noise N·P² standard normals (white or with the run's CT texture)
 */
public record ValidationSet(int count, int size, double[] clean, double[] time, double[] noise) {

    public static ValidationSet draw(TrainingConfig config, PatchSampler sampler)
            throws ModelException {
        int n = config.validationPatches();
        int pixels = sampler.size() * sampler.size();
        double[] clean = new double[n * pixels];
        double[] time = new double[n];
        double[] noise = new double[n * pixels];
        SplittableRandom root = StepRandom.of(config.seed(), StepRandom.VALIDATION, 0);
        for (int i = 0; i < n; i++) {
            SplittableRandom element = root.split();
            System.arraycopy(sampler.draw(element).values(), 0, clean, i * pixels, pixels);
            time[i] = (i + 0.5) / n * config.uMax();
            NoiseTexture.draw(config.noise(), noise, i * pixels, sampler.size(), sampler.size(), element);
        }
        return new ValidationSet(n, sampler.size(), clean, time, noise);
    }
}
