package org.ddlm.diffusion.train;

import java.util.function.Consumer;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.NoiseTexture;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.net.UNetConfig;

/**
 * Everything that defines a training run; stored in every checkpoint so that a resumed run is
 * the same run. Defaults are the project's (algorithms.md §5.3) except where noted.
 *
 * @param unet              network shape
 * @param prediction        what the network predicts (ε by default; v and x0 also work)
 * @param timesteps         T of the cosine schedule (1000)
 * @param uMax              largest fractional index trained; T−1 trains the full range. The default
 *                          100 (σ̄ ≈ 0.16, i.e. ≈ 160 HU on cosine T = 1000) covers DDLM's noise
 *                          levels (up to ≈ 100 HU, u ≈ 60) with margin; such a prior cannot generate
 *                          images from pure noise
 * @param patchSize         P, side of the square training patches; a multiple of the UNet's size multiple
 * @param batchSize         B
 * @param referenceBatch    R of the Stable Target Field; 1 = plain denoising score matching, otherwise ≥ B
 * @param steps             optimiser steps
 * @param warmupSteps       linear learning-rate warm-up
 * @param peakLearningRate  after warm-up
 * @param finalLearningRate at the last step (cosine decay)
 * @param clipNorm          cap on the global gradient norm
 * @param emaDecay          EMA decay per step
 * @param emaWarmup         use min(emaDecay, (1+k)/(10+k)) at step k
 * @param adamBeta1         Adam β1
 * @param adamBeta2         Adam β2
 * @param adamEpsilon       Adam ε
 * @param minBodyFraction   patches with fewer body pixels (HU &gt; −500) are redrawn
 * @param seed              every random draw derives from (seed, step)
 * @param validationPatches size of the fixed validation set (0 = none)
 * @param validateEvery     steps between validation losses
 * @param checkpointEvery   steps between checkpoints
 * @param noise             texture of the training noise; null = white (the default, and what checkpoints
 *                          written before this setting existed mean)
 */
public record TrainingConfig(
        UNetConfig unet,
        Prediction prediction,
        int timesteps,
        double uMax,
        int patchSize,
        int batchSize,
        int referenceBatch,
        long steps,
        long warmupSteps,
        double peakLearningRate,
        double finalLearningRate,
        double clipNorm,
        double emaDecay,
        boolean emaWarmup,
        double adamBeta1,
        double adamBeta2,
        double adamEpsilon,
        double minBodyFraction,
        long seed,
        int validationPatches,
        long validateEvery,
        long checkpointEvery,
        NoiseTexture noise) {

    /** Project defaults: ε, cosine T=1000, u ≤ 100, 128² patches, B = 32, R = 256, 100k steps. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(UNetConfig.defaults(), Prediction.EPS, 1000, 100.0, 128, 32, 256,
                100_000, 5_000, 2e-4, 1e-6, 1.0, 0.999, false, 0.9, 0.999, 1e-8, 0.5, 1L,
                256, 1_000, 1_000, null);
    }

    /**
     * A prior that trains in about 1.5 hours on a 2-core CPU: B = 16, P = 128, 6,000 steps
     * (≈ 0.83 s per step measured with the default UNet), warm-up shortened to 300 steps (5 %)
     * because 5,000 would take most of the run; other values as {@link #defaults()}.
     */
    public static TrainingConfig cpuPrior() {
        return defaults().withBatch(128, 16, 256).withSteps(6_000, 300).withIntervals(128, 500, 500);
    }

    /** Checks the values against each other; the message names the setting to change. */
    public TrainingConfig validated() throws ModelException {
        require(unet != null && prediction != null, "the network shape and prediction type must be set");
        require(timesteps >= 2, "timesteps must be at least 2, got " + timesteps);
        require(uMax > 0 && uMax <= timesteps - 1, "u_max must be in (0, " + (timesteps - 1) + "], got " + uMax);
        require(patchSize >= 1 && patchSize % unet.sizeMultiple() == 0,
                "patch size " + patchSize + " must be a positive multiple of the network's size multiple "
                        + unet.sizeMultiple());
        require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        require(referenceBatch == 1 || referenceBatch >= batchSize,
                "the STF reference batch must be 1 (plain denoising) or at least the batch size " + batchSize
                        + ", got " + referenceBatch);
        require(steps >= 1 && warmupSteps >= 0 && warmupSteps < steps,
                "warm-up (" + warmupSteps + " steps) must be shorter than training (" + steps + " steps)");
        require(peakLearningRate > 0 && finalLearningRate >= 0 && finalLearningRate <= peakLearningRate,
                "learning rates must satisfy 0 <= final <= peak and peak > 0");
        require(clipNorm > 0, "gradient clipping norm must be positive");
        require(emaDecay >= 0 && emaDecay < 1, "EMA decay must be in [0, 1)");
        require(adamBeta1 >= 0 && adamBeta1 < 1 && adamBeta2 >= 0 && adamBeta2 < 1 && adamEpsilon > 0,
                "Adam needs 0 <= beta < 1 and epsilon > 0");
        require(minBodyFraction >= 0 && minBodyFraction <= 1, "body fraction must be in [0, 1]");
        require(validationPatches >= 0 && validateEvery >= 1 && checkpointEvery >= 1,
                "validation and checkpoint intervals must be at least 1 step");
        return this;
    }

    private static void require(boolean ok, String message) throws ModelException {
        if (!ok) {
            throw new ModelException("Training settings: " + message + ".");
        }
    }

    public TrainingConfig withUNet(UNetConfig value) {
        return edit(e -> e.unet = value);
    }

    public TrainingConfig withPrediction(Prediction value) {
        return edit(e -> e.prediction = value);
    }

    public TrainingConfig withUMax(double value) {
        return edit(e -> e.uMax = value);
    }

    /** Patch size, batch size and STF reference batch size. */
    public TrainingConfig withBatch(int patch, int batch, int references) {
        return edit(e -> {
            e.patchSize = patch;
            e.batchSize = batch;
            e.referenceBatch = references;
        });
    }

    /** Total steps and warm-up steps. */
    public TrainingConfig withSteps(long total, long warmup) {
        return edit(e -> {
            e.steps = total;
            e.warmupSteps = warmup;
        });
    }

    public TrainingConfig withLearningRates(double peak, double last) {
        return edit(e -> {
            e.peakLearningRate = peak;
            e.finalLearningRate = last;
        });
    }

    public TrainingConfig withEma(double decay, boolean warmup) {
        return edit(e -> {
            e.emaDecay = decay;
            e.emaWarmup = warmup;
        });
    }

    public TrainingConfig withSeed(long value) {
        return edit(e -> e.seed = value);
    }

    /** White (null) or CT-textured training noise. */
    public TrainingConfig withNoise(NoiseTexture value) {
        return edit(e -> e.noise = value);
    }

    /** Validation set size and the intervals between validations and between checkpoints. */
    public TrainingConfig withIntervals(int patches, long validate, long checkpoint) {
        return edit(e -> {
            e.validationPatches = patches;
            e.validateEvery = validate;
            e.checkpointEvery = checkpoint;
        });
    }

    /** A copy with some settings changed: every wither goes through this one copy of all fields. */
    private TrainingConfig edit(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The settings as mutable fields, so that a wither names only what it changes. */
    private static final class Draft {
        UNetConfig unet;
        Prediction prediction;
        int timesteps;
        double uMax;
        int patchSize;
        int batchSize;
        int referenceBatch;
        long steps;
        long warmupSteps;
        double peakLearningRate;
        double finalLearningRate;
        double clipNorm;
        double emaDecay;
        boolean emaWarmup;
        double adamBeta1;
        double adamBeta2;
        double adamEpsilon;
        double minBodyFraction;
        long seed;
        int validationPatches;
        long validateEvery;
        long checkpointEvery;
        NoiseTexture noise;

        Draft(TrainingConfig c) {
            unet = c.unet;
            prediction = c.prediction;
            timesteps = c.timesteps;
            uMax = c.uMax;
            patchSize = c.patchSize;
            batchSize = c.batchSize;
            referenceBatch = c.referenceBatch;
            steps = c.steps;
            warmupSteps = c.warmupSteps;
            peakLearningRate = c.peakLearningRate;
            finalLearningRate = c.finalLearningRate;
            clipNorm = c.clipNorm;
            emaDecay = c.emaDecay;
            emaWarmup = c.emaWarmup;
            adamBeta1 = c.adamBeta1;
            adamBeta2 = c.adamBeta2;
            adamEpsilon = c.adamEpsilon;
            minBodyFraction = c.minBodyFraction;
            seed = c.seed;
            validationPatches = c.validationPatches;
            validateEvery = c.validateEvery;
            checkpointEvery = c.checkpointEvery;
            noise = c.noise;
        }

        TrainingConfig build() {
            return new TrainingConfig(unet, prediction, timesteps, uMax, patchSize, batchSize, referenceBatch, steps,
                    warmupSteps, peakLearningRate, finalLearningRate, clipNorm, emaDecay, emaWarmup, adamBeta1,
                    adamBeta2, adamEpsilon, minBodyFraction, seed, validationPatches, validateEvery, checkpointEvery,
                    noise);
        }
    }
}
