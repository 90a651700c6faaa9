package org.ddlm.plugin.workflow;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.ddlm.core.Progress;
import org.ddlm.dicom.DdlmVersion;
import org.ddlm.dicom.OutputFolder;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.NoiseTexture;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.train.StepReport;
import org.ddlm.diffusion.train.Trainer;
import org.ddlm.diffusion.train.TrainingConfig;
import org.ddlm.diffusion.train.TrainingListener;
import org.ddlm.diffusion.train.ValidationPoint;

/**
 * Training a diffusion prior on normal-dose CT, as {@code ddlm train} and Fiji's Train Prior run it. The options are
 * checked once when built. A {@linkplain Builder#resumable resumable} run (the command line) keeps
 * checkpoint.ddlm, training_log.csv and loss_curve.png in the model folder so that it can stop and resume; any other
 * run trains into a hidden sibling and moves it into place only when the model is written, so a failure or a cancel
 * leaves nothing.
 */
public final class TrainRequest {

    /** Starts the engine and picks the device, after the data are read (the front ends do it their own way). */
    @FunctionalInterface
    public interface DeviceStarter {
        Device start() throws Exception;
    }

    /**
     * What a run did.
     *
     * @param minutes  wall time of this run (a resumed run counts from its resumption)
     * @param stopped  the run stopped at the requested step and can be resumed
     */
    public record Result(Path model, long step, long totalSteps, double[] losses, List<ValidationPoint> validations,
                         boolean stopped, double minutes) {
    }

    private final Builder b;
    private final TrainingConfig config;

    private TrainRequest(Builder b, TrainingConfig config) {
        this.b = b;
        this.config = config;
    }

    public static Builder builder(List<Path> data, Path out) {
        return new Builder(data, out);
    }

    private Path checkpoint() {
        return b.out.resolve("checkpoint.ddlm");
    }

    /**
     * Reads the data, trains and writes the model.
     *
     * @param progress told (step, total) after each step and polled for cancellation before each
     * @param listener told each step's losses (after the training log has the step)
     * @param log      receives the lines that describe the run (data, device, configuration)
     * @throws CancellationException when cancelled; a resumable run keeps its checkpoint, any other writes nothing
     */
    public Result run(DeviceStarter device, Progress progress, TrainingListener listener, Consumer<String> log)
            throws Exception {
        TrainingData.Loaded train = TrainingData.read(b.data);
        TrainingData.Loaded val = b.validation.isEmpty() ? null : TrainingData.read(b.validation);
        log.accept(String.format("training on %d slice(s) from %d stack(s)%s", train.slices().size(), train.stacks(),
                val == null ? "" : ", validating on " + val.slices().size() + " slice(s)"));
        Device dev = device.start();
        Path dir = b.resumable ? b.out : b.out.resolveSibling("." + b.out.getFileName() + ".partial");
        Files.createDirectories(dir);
        boolean done = false;
        long started = System.nanoTime();
        Path initCheckpoint = b.initFrom == null ? null : b.initFrom.resolve("checkpoint.ddlm");
        try (Trainer trainer = b.resume ? Trainer.resume(checkpoint(), train.slices(), val == null ? null
                : val.slices(), dev) : initCheckpoint != null ? Trainer.startFrom(initCheckpoint, config,
                train.slices(), val == null ? null : val.slices(), dev)
                : Trainer.start(config, train.slices(), val == null ? null : val.slices(), dev)) {
            log.accept(String.format("device %s; %s", dev, describe(trainer.config())));
            TrainingLog trainingLog = b.resumable ? new TrainingLog(dir.resolve("training_log.csv"), b.resume) : null;
            TrainingListener logged = new TrainingListener() {
                @Override
                public void onStep(StepReport r) {
                    if (trainingLog != null) {
                        trainingLog.append(r);
                    }
                    listener.onStep(r);
                }
            };
            Progress stopping = Progress.of(progress, () -> progress.isCancelled()
                    || (b.stopAfter != null && trainer.step() >= b.stopAfter));
            boolean stopped = false;
            try {
                trainer.run(logged, stopping, b.resumable ? checkpoint() : null);
            } catch (CancellationException e) {
                if (progress.isCancelled() || !b.resumable) {
                    throw e;
                }
                stopped = true;
            }
            trainer.exportModel(dir.resolve("model.json"), "weights.params", b.ema);
            if (b.resumable) {
                LossCurve.write(dir.resolve("loss_curve.png"), trainer.losses(), trainer.validations());
            } else {
                Files.move(dir, b.out, StandardCopyOption.ATOMIC_MOVE);
            }
            done = true;
            return new Result(b.out.resolve("model.json"), trainer.step(), trainer.config().steps(),
                    trainer.losses(), trainer.validations(), stopped, (System.nanoTime() - started) / 6e10);
        } finally {
            if (!done && !b.resumable) {
                OutputFolder.deleteTree(dir);
            }
        }
    }

    /** One line for the log: the network, the objective and the optimiser settings. */
    public static String describe(TrainingConfig c) {
        return String.format(Locale.ROOT, "UNet %s; %s-prediction, cosine T=%d, u<=%.0f; %d steps (warm-up %d), "
                        + "batch %d x %dpx, STF R=%d, lr %.1e->%.1e, clip %.1f, EMA %.3f, seed %d; %s noise; ddlm %s",
                c.unet(), c.prediction().name().toLowerCase(Locale.ROOT), c.timesteps(), c.uMax(), c.steps(),
                c.warmupSteps(), c.batchSize(), c.patchSize(), c.referenceBatch(), c.peakLearningRate(),
                c.finalLearningRate(), c.clipNorm(), c.emaDecay(), c.seed(), c.noise() == null ? "white"
                        : String.format(Locale.ROOT, "CT-textured (Hann cutoff %.2f-%.2f cycles/pixel)",
                        c.noise().cutoffMin(), c.noise().cutoffMax()), DdlmVersion.VERSION);
    }

    /** The options of a training run; defaults are {@link TrainingConfig#cpuPrior()}'s. */
    public static final class Builder {
        private static final TrainingConfig BASE = TrainingConfig.cpuPrior();
        private final List<Path> data;
        private final Path out;
        private List<Path> validation = List.of();
        private long steps = BASE.steps();
        private Long warmup;
        private int batch = BASE.batchSize();
        private int patch = BASE.patchSize();
        private int stfRef = BASE.referenceBatch();
        private double uMax = BASE.uMax();
        private NoiseTexture noise;
        private Prediction prediction = Prediction.EPS;
        private double learningRate = BASE.peakLearningRate();
        private long seed = 1;
        private boolean emaWarmup;
        private long checkpointEvery = BASE.checkpointEvery();
        private long validateEvery = BASE.validateEvery();
        private boolean ema = true;
        private boolean resumable;
        private boolean resume;
        private Path initFrom;
        private Long stopAfter;

        private Builder(List<Path> data, Path out) {
            this.data = List.copyOf(data);
            this.out = out;
        }

        public Builder validation(List<Path> value) {
            validation = List.copyOf(value);
            return this;
        }

        public Builder steps(long value) {
            steps = value;
            return this;
        }

        /** Learning-rate warm-up steps, or null for 5 % of the steps. */
        public Builder warmup(Long value) {
            warmup = value;
            return this;
        }

        public Builder batch(int value) {
            batch = value;
            return this;
        }

        public Builder patch(int value) {
            patch = value;
            return this;
        }

        /** The Stable Target Field reference batch; 1 is plain denoising score matching. */
        public Builder stfRef(int value) {
            stfRef = value;
            return this;
        }

        public Builder uMax(double value) {
            uMax = value;
            return this;
        }

        /** The training noise texture, or null for white noise. */
        public Builder noise(NoiseTexture value) {
            noise = value;
            return this;
        }

        public Builder prediction(Prediction value) {
            prediction = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder emaWarmup(boolean value) {
            emaWarmup = value;
            return this;
        }

        public Builder checkpointEvery(long value) {
            checkpointEvery = value;
            return this;
        }

        public Builder validateEvery(long value) {
            validateEvery = value;
            return this;
        }

        /** Exports the EMA weights (true, the default) or the optimiser's current ones. */
        public Builder ema(boolean value) {
            ema = value;
            return this;
        }

        /** Keeps checkpoint, log and loss curve in the model folder, so that a run can stop and resume. */
        public Builder resumable(boolean value) {
            resumable = value;
            return this;
        }

        /** Continues the run saved in the model folder's checkpoint (resumable runs only). */
        public Builder resume(boolean value) {
            resume = value;
            return this;
        }

        /** Starts a new run from the trained weights in this model folder's checkpoint, or null. */
        public Builder initFrom(Path value) {
            initFrom = value;
            return this;
        }

        /** Stops (checkpoint and model written) at this step, or null to train to the end. */
        public Builder stopAfter(Long value) {
            stopAfter = value;
            return this;
        }

        /** @throws UserException (or ModelException for the configuration) naming the first option that cannot work */
        public TrainRequest build() throws UserException, ModelException {
            if (resumable) {
                Path checkpoint = out.resolve("checkpoint.ddlm");
                if (resume && !Files.isRegularFile(checkpoint)) {
                    throw new UserException("--resume: no checkpoint at " + checkpoint);
                }
                Path init = initFrom == null ? null : initFrom.resolve("checkpoint.ddlm");
                if (init != null && (resume || !Files.isRegularFile(init))) {
                    throw new UserException(resume ? "--init-from starts a new run; it cannot be combined with --resume"
                            : "--init-from: no checkpoint at " + init);
                }
                if (!resume && Files.exists(out.resolve("model.json"))) {
                    throw new UserException(out + " already holds a model; choose a new --out or pass --resume");
                }
            } else if (Files.exists(out)) {
                throw new UserException(out + " already exists; choose a new model folder");
            }
            // A resumed run takes its checkpoint's configuration.
            TrainingConfig config = resume ? null : config().validated();
            return new TrainRequest(this, config);
        }

        private TrainingConfig config() {
            long warm = warmup != null ? warmup : Math.max(1, steps / 20);
            return BASE.withPrediction(prediction).withUMax(uMax).withBatch(patch, batch, stfRef)
                    .withSteps(steps, Math.min(warm, steps - 1))
                    .withLearningRates(learningRate, BASE.finalLearningRate()).withSeed(seed)
                    .withEma(BASE.emaDecay(), emaWarmup)
                    .withIntervals(BASE.validationPatches(), validateEvery, checkpointEvery)
                    .withNoise(noise);
        }
    }
}
