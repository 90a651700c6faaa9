package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddlm.diffusion.model.NoiseTexture;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.train.StepReport;
import org.ddlm.diffusion.train.TrainingConfig;
import org.ddlm.diffusion.train.TrainingListener;
import org.ddlm.diffusion.train.ValidationPoint;
import org.ddlm.plugin.workflow.TrainRequest;
import org.ddlm.plugin.workflow.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Train a diffusion prior on normal-dose CT (no low-dose data needed): random "
        + "patches with flips/rotations, eps-prediction with the Stable Target Field objective, Adam with warm-up and "
        + "cosine decay, gradient clipping, EMA weights. Writes MODEL_DIR/model.json + weights (the EMA network), a "
        + "resumable checkpoint, training_log.csv and loss_curve.png.")
final class TrainCommand extends Subcommand {
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

    @Option(names = "--warmup", description = "learning-rate warm-up steps (default: 5%% of --steps)")
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

    @Override
    public Integer call() throws Exception {
        PrintWriter err = stderr();
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
        if (!export.equals("ema") && !export.equals("raw")) {
            throw new UserException("--export takes ema or raw, not " + export);
        }
        // Options are checked before anything is read or written (a resumed run takes its checkpoint's).
        TrainRequest request = TrainRequest.builder(data, out).validation(validation).steps(steps).warmup(warmup)
                .batch(batch).patch(patch).stfRef(stfRef).uMax(uMax).noise(texture).prediction(p)
                .learningRate(learningRate).seed(seed).emaWarmup(emaWarmup).checkpointEvery(checkpointEvery)
                .validateEvery(validateEvery).ema(export.equals("ema")).resumable(true).resume(resume)
                .initFrom(initFrom).stopAfter(stopAfter).build();
        TerminalProgressBar[] bar = new TerminalProgressBar[1];
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                if (bar[0] == null) {
                    bar[0] = new TerminalProgressBar(err, "train", (int) r.totalSteps());
                }
                bar[0].show(r.step(), r.totalSteps(), r.secondsRemaining(), String.format(Locale.ROOT,
                        "  loss %.4f", r.loss()));
                if (!Double.isNaN(r.validationLoss())) {
                    // One line per validation, so logs of non-interactive runs show progress too.
                    err.printf(Locale.ROOT, "%nstep %d/%d: loss %.4f, validation loss %.4f, %.0f s elapsed%n",
                            r.step(), r.totalSteps(), r.loss(), r.validationLoss(), r.elapsedSeconds());
                }
            }
        };
        // The bar is drawn from the listener (with the loss); the progress itself never cancels.
        TrainRequest.Result r = request.run(deviceOptions::start, org.ddlm.core.Progress.NONE, listener,
                line -> err.printf("%s%n", line));
        err.println();
        List<ValidationPoint> vals = r.validations();
        PrintWriter o = stdout();
        o.printf(Locale.ROOT, "trained %d steps in %.1f min this run; final train loss (mean of last 100) %.5f%s%n",
                r.step(), r.minutes(), tailMean(r.losses(), 100), vals.isEmpty() ? ""
                        : String.format(Locale.ROOT, ", validation loss %.5f", vals.get(vals.size() - 1).loss()));
        o.println("model: " + r.model());
        if (r.stopped()) {
            o.printf("stopped at step %d of %d; continue with the same command and --resume%n", r.step(),
                    r.totalSteps());
        }
        return 0;
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
