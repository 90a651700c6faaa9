package org.ddlm.plugin.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ddlm.dicom.DdlmVersion;
import org.ddlm.diffusion.model.NoiseTexture;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.train.StepReport;
import org.ddlm.diffusion.train.Trainer;
import org.ddlm.diffusion.train.TrainingConfig;
import org.ddlm.diffusion.train.TrainingListener;
import org.ddlm.diffusion.train.ValidationPoint;
import org.ddlm.plugin.workflow.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = "Train a diffusion prior on normal-dose CT (no low-dose data needed): random "
        + "patches with flips/rotations, eps-prediction with the Stable Target Field objective, Adam with warm-up and "
        + "cosine decay, gradient clipping, EMA weights. Writes MODEL_DIR/model.json + weights (the EMA network), a "
        + "resumable checkpoint, training_log.csv and loss_curve.png.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", required = true, arity = "1..*",
            description = "folders of normal-dose CT series to train on")
    List<Path> data = new ArrayList<>();

    @Option(names = "--val", paramLabel = "DIR", arity = "1..*",
            description = "held-out normal-dose series (another patient) for the validation loss")
    List<Path> validation = new ArrayList<>();

    @Option(names = "--out", paramLabel = "MODEL_DIR", required = true, description = "where the model goes")
    Path out;

    @Option(names = "--steps", description = "optimiser steps (default ${DEFAULT-VALUE})")
    long steps = TrainingConfig.cpuPrior().steps();

    @Option(names = "--warmup", description = "learning-rate warm-up steps (default: 5% of --steps)")
    Long warmup;

    @Option(names = "--batch", description = "patches per step (default ${DEFAULT-VALUE})")
    int batch = TrainingConfig.cpuPrior().batchSize();

    @Option(names = "--patch", description = "patch side in pixels (default ${DEFAULT-VALUE})")
    int patch = TrainingConfig.cpuPrior().patchSize();

    @Option(names = "--stf-ref", paramLabel = "R", description = "Stable Target Field reference batch; 1 = plain "
            + "denoising score matching (default ${DEFAULT-VALUE})")
    int stfRef = TrainingConfig.cpuPrior().referenceBatch();

    @Option(names = "--u-max", description = "largest schedule index trained; DDLM needs only low noise "
            + "(default ${DEFAULT-VALUE})")
    double uMax = TrainingConfig.cpuPrior().uMax();

    @Option(names = "--noise", paramLabel = "TEXTURE", description = "training noise: white, or ct (shaped like "
            + "filtered back-projection noise, a ramp times a Hann window with its cutoff drawn from 0.3-0.75 "
            + "cycles/pixel per patch, so the prior's forward process matches correlated CT noise) "
            + "(default ${DEFAULT-VALUE})")
    String noise = "white";

    @Option(names = "--prediction", description = "eps, v or x0 (default eps)")
    String prediction = "eps";

    @Option(names = "--lr", description = "peak learning rate (default ${DEFAULT-VALUE})")
    double learningRate = TrainingConfig.cpuPrior().peakLearningRate();

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--export", paramLabel = "W", description = "weights written to model.json: ema (default) or raw "
            + "(the optimiser's current weights; for runs too short for the EMA to forget the start)")
    String export = "ema";

    @Option(names = "--ema-warmup", description = "EMA decay min(0.999, (1+k)/(10+k)) at step k, so that short runs "
            + "are not dominated by the initial weights")
    boolean emaWarmup;

    @Option(names = "--checkpoint-every", description = "steps between checkpoints (default ${DEFAULT-VALUE})")
    long checkpointEvery = 250;

    @Option(names = "--validate-every", description = "steps between validation losses (default ${DEFAULT-VALUE})")
    long validateEvery = 250;

    @Option(names = "--resume", description = "continue the run saved in MODEL_DIR/checkpoint.ddlm exactly, to the "
            + "step count it was started with")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "MODEL_DIR", description = "start a new run (this command's "
            + "schedule, step 0) from the trained weights in MODEL_DIR/checkpoint.ddlm: fine-tunes or extends a prior "
            + "without repeating its first steps; the network must be the same")
    Path initFrom;

    @Option(names = "--stop-after", paramLabel = "STEP", description = "stop at this step (checkpoint and model "
            + "written), to continue later with --resume; for machines with limited time slots")
    Long stopAfter;

    @Mixin
    DeviceOptions deviceOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path checkpoint = out.resolve("checkpoint.ddlm");
        if (resume && !Files.isRegularFile(checkpoint)) {
            throw new UserException("--resume: no checkpoint at " + checkpoint);
        }
        Path initCheckpoint = initFrom == null ? null : initFrom.resolve("checkpoint.ddlm");
        if (initCheckpoint != null && (resume || !Files.isRegularFile(initCheckpoint))) {
            throw new UserException(resume ? "--init-from starts a new run; it cannot be combined with --resume"
                    : "--init-from: no checkpoint at " + initCheckpoint);
        }
        if (!resume && Files.exists(out.resolve("model.json"))) {
            throw new UserException(out + " already holds a model; choose a new --out or pass --resume");
        }
        // Options are checked before anything is read or written (a resumed run takes its checkpoint's).
        TrainingConfig config = resume ? null : config().validated();
        TrainingData.Loaded train = TrainingData.read(data);
        TrainingData.Loaded val = validation.isEmpty() ? null : TrainingData.read(validation);
        err.printf("training on %d slice(s) from %d stack(s)%s%n", train.slices().size(), train.stacks(),
                val == null ? "" : ", validating on " + val.slices().size() + " slice(s)");
        Device device = deviceOptions.start();
        Files.createDirectories(out);
        long started = System.nanoTime();
        try (Trainer trainer = resume ? Trainer.resume(checkpoint, train.slices(), val == null ? null : val.slices(),
                device) : initCheckpoint != null ? Trainer.startFrom(initCheckpoint, config, train.slices(),
                val == null ? null : val.slices(), device)
                : Trainer.start(config, train.slices(), val == null ? null : val.slices(), device)) {
            err.printf("device %s; %s%n", device, describe(trainer.config()));
            TrainingLog log = new TrainingLog(out.resolve("training_log.csv"), resume);
            TerminalProgressBar progress = new TerminalProgressBar(err, "train", (int) trainer.config().steps());
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStep(StepReport r) {
                    log.append(r);
                    progress.show(r.step(), r.totalSteps(), r.secondsRemaining(), String.format(Locale.ROOT,
                            "  loss %.4f", r.loss()));
                    if (!Double.isNaN(r.validationLoss())) {
                        // One line per validation, so logs of non-interactive runs show progress too.
                        err.printf(Locale.ROOT, "%nstep %d/%d: loss %.4f, validation loss %.4f, %.0f s elapsed%n",
                                r.step(), r.totalSteps(), r.loss(), r.validationLoss(), r.elapsedSeconds());
                    }
                }
            };
            boolean stopped = false;
            try {
                // The bar is drawn from the listener (with the loss); the progress only stops a run at --stop-after.
                trainer.run(listener, org.ddlm.core.Progress.of(org.ddlm.core.Progress.NONE,
                        () -> stopAfter != null && trainer.step() >= stopAfter), checkpoint);
            } catch (java.util.concurrent.CancellationException e) {
                stopped = true;
            }
            err.println();
            if (!export.equals("ema") && !export.equals("raw")) {
                throw new UserException("--export takes ema or raw, not " + export);
            }
            trainer.exportModel(out.resolve("model.json"), "weights.params", export.equals("ema"));
            double minutes = (System.nanoTime() - started) / 6e10;
            List<ValidationPoint> vals = trainer.validations();
            double[] losses = trainer.losses();
            LossCurve.write(out.resolve("loss_curve.png"), losses, vals);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "trained %d steps in %.1f min this run; final train loss (mean of last 100) %.5f%s%n",
                    trainer.step(), minutes, tailMean(losses, 100), vals.isEmpty() ? ""
                            : String.format(Locale.ROOT, ", validation loss %.5f", vals.get(vals.size() - 1).loss()));
            o.println("model: " + out.resolve("model.json"));
            if (stopped) {
                o.printf("stopped at step %d of %d; continue with the same command and --resume%n", trainer.step(),
                        trainer.config().steps());
            }
        }
        return 0;
    }

    private TrainingConfig config() throws UserException {
        Prediction p;
        try {
            p = Prediction.valueOf(prediction.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("--prediction takes eps, v or x0, not " + prediction);
        }
        NoiseTexture texture = switch (noise.toLowerCase(Locale.ROOT)) {
            case "white" -> null;
            case "ct" -> NoiseTexture.CT;
            default -> throw new UserException("--noise takes white or ct, not " + noise);
        };
        long warm = warmup != null ? warmup : Math.max(1, steps / 20);
        return TrainingConfig.cpuPrior().withPrediction(p).withUMax(uMax).withBatch(patch, batch, stfRef)
                .withSteps(steps, Math.min(warm, steps - 1))
                .withLearningRates(learningRate, TrainingConfig.cpuPrior().finalLearningRate()).withSeed(seed)
                .withEma(TrainingConfig.cpuPrior().emaDecay(), emaWarmup)
                .withIntervals(TrainingConfig.cpuPrior().validationPatches(), validateEvery, checkpointEvery)
                .withNoise(texture);
    }

    static String describe(TrainingConfig c) {
        return String.format(Locale.ROOT, "UNet %s; %s-prediction, cosine T=%d, u<=%.0f; %d steps (warm-up %d), "
                        + "batch %d x %dpx, STF R=%d, lr %.1e->%.1e, clip %.1f, EMA %.3f, seed %d; %s noise; ddlm %s",
                c.unet(), c.prediction().name().toLowerCase(Locale.ROOT), c.timesteps(), c.uMax(), c.steps(),
                c.warmupSteps(), c.batchSize(), c.patchSize(), c.referenceBatch(), c.peakLearningRate(),
                c.finalLearningRate(), c.clipNorm(), c.emaDecay(), c.seed(), c.noise() == null ? "white"
                        : String.format(Locale.ROOT, "CT-textured (Hann cutoff %.2f-%.2f cycles/pixel)",
                        c.noise().cutoffMin(), c.noise().cutoffMax()), DdlmVersion.VERSION);
    }

    private static double tailMean(double[] v, int n) {
        int from = Math.max(0, v.length - n);
        double s = 0;
        for (int i = from; i < v.length; i++) {
            s += v[i];
        }
        return v.length == from ? Double.NaN : s / (v.length - from);
    }
}
