package org.ddlm.diffusion.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.ModelSpec;
import org.ddlm.diffusion.model.NetworkDenoiser;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.net.ModelFiles;
import org.ddlm.diffusion.net.UNet;
import org.ddlm.diffusion.net.UNetNetwork;
import org.ddlm.diffusion.schedule.DiscreteSchedule;

/**
 * Trains a UNet prior (algorithms.md §5): STF or plain denoising targets, Adam with warm-up and
 * cosine decay, global-norm clipping, EMA weights, validation loss and exact resume.
 *
 * <p>Step k draws everything from {@link StepRandom#of}(seed, TRAIN, k), so the state that a
 * checkpoint must hold is only weights, EMA weights, Adam moments, step and history. The EMA
 * weights live in a second UNet that serves validation, {@link #emaDenoiser()} and {@link #exportModel}.
 */
public final class Trainer implements AutoCloseable {

    private final TrainingConfig config;
    private final DiscreteSchedule schedule;
    private final PatchSampler trainPatches;
    private final ValidationSet validation;
    private final LearningRateSchedule learningRate;
    private final NDManager manager;
    private final UNet unet;
    private final List<String> names;
    private final List<NDArray> weights;
    private final UNetNetwork emaNetwork;
    private final List<NDArray> emaWeights;
    private final Adam adam;
    /** Arrays that must survive a step; everything else a step leaves in {@link #manager} is freed. */
    private final Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Double> losses = new ArrayList<>();
    private final List<ValidationPoint> validations = new ArrayList<>();
    private long step;
    private double lastGradientNorm = Double.NaN;

    private Trainer(TrainingConfig config, SliceSource train, SliceSource held, Device device) throws ModelException {
        this.config = config.validated();
        schedule = DiscreteSchedule.cosine(config.timesteps());
        trainPatches = new PatchSampler(train, config.patchSize(), config.minBodyFraction(), IntensityMapping.CT_HU);
        validation = held == null || held.size() == 0 || config.validationPatches() == 0 ? null
                : ValidationSet.draw(config, new PatchSampler(held, config.patchSize(), config.minBodyFraction(),
                        IntensityMapping.CT_HU));
        learningRate = new LearningRateSchedule(config.peakLearningRate(), config.finalLearningRate(),
                config.warmupSteps(), config.steps());
        manager = NDManager.newBaseManager(device);
        NDManager emaManager = NDManager.newBaseManager(device);
        try {
            unet = UNet.create(config.unet(), manager, config.seed());
            names = new ArrayList<>();
            weights = new ArrayList<>();
            for (Pair<String, Parameter> p : unet.getParameters()) {
                names.add(p.getKey());
                weights.add(p.getValue().getArray());
            }
            UNet ema = UNet.create(config.unet(), emaManager, config.seed());
            emaWeights = new ArrayList<>();
            for (Pair<String, Parameter> p : ema.getParameters()) {
                emaWeights.add(p.getValue().getArray());
            }
            for (int i = 0; i < weights.size(); i++) {
                overwrite(emaWeights.get(i), weights.get(i));
            }
            emaNetwork = new UNetNetwork(ema, emaManager);
            adam = new Adam(weights, config.adamBeta1(), config.adamBeta2(), config.adamEpsilon());
        } catch (RuntimeException e) {
            manager.close();
            emaManager.close();
            throw e;
        }
        kept.addAll(weights);
        kept.addAll(adam.firstMoments());
        kept.addAll(adam.secondMoments());
    }

    /**
     * A new run with freshly initialised weights.
     *
     * @param train      normal-dose training slices
     * @param validation held-out slices for the validation loss, or null
     */
    public static Trainer start(TrainingConfig config, SliceSource train, SliceSource validation, Device device)
            throws ModelException {
        return new Trainer(config, train, validation, device);
    }

    /**
     * A new run (new schedule, step 0, fresh optimiser state) whose weights and EMA start from the trained
     * weights of an earlier run's checkpoint: fine-tuning or extending a prior without repeating its first steps.
     * The network configuration must match the checkpoint's.
     */
    public static Trainer startFrom(Path checkpoint, TrainingConfig config, SliceSource train, SliceSource validation,
                                    Device device) throws ModelException {
        TrainingCheckpoint saved = TrainingCheckpoint.read(checkpoint);
        if (!saved.config().unet().equals(config.unet())) {
            throw new ModelException("Checkpoint " + checkpoint + " holds a " + saved.config().unet()
                    + " network, not the requested " + config.unet() + ".");
        }
        Trainer trainer = new Trainer(config, train, validation, device);
        try {
            trainer.load(saved.weights(), trainer.weights, checkpoint);
            trainer.load(saved.weights(), trainer.emaWeights, checkpoint);
        } catch (ModelException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        return trainer;
    }

    /** Continues the run saved in {@code checkpoint} exactly where it stopped. */
    public static Trainer resume(Path checkpoint, SliceSource train, SliceSource validation, Device device)
            throws ModelException {
        TrainingCheckpoint saved = TrainingCheckpoint.read(checkpoint);
        Trainer trainer = new Trainer(saved.config(), train, validation, device);
        try {
            trainer.restore(saved, checkpoint);
        } catch (ModelException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        return trainer;
    }

    private void restore(TrainingCheckpoint saved, Path file) throws ModelException {
        load(saved.weights(), weights, file);
        load(saved.emaWeights(), emaWeights, file);
        load(saved.adamFirst(), adam.firstMoments(), file);
        load(saved.adamSecond(), adam.secondMoments(), file);
        adam.setUpdates(saved.adamUpdates());
        step = saved.step();
        for (double loss : saved.losses()) {
            losses.add(loss);
        }
        validations.addAll(saved.validations());
    }

    private void load(List<NamedTensor> saved, List<NDArray> into, Path file) throws ModelException {
        if (saved.size() != into.size()) {
            throw new ModelException("Checkpoint " + file + " holds " + saved.size() + " arrays where the network has "
                    + into.size() + ".");
        }
        for (int i = 0; i < into.size(); i++) {
            NamedTensor t = saved.get(i);
            NDArray target = into.get(i);
            if (!t.name().equals(names.get(i)) || !Arrays.equals(t.shape(), target.getShape().getShape())) {
                throw new ModelException("Checkpoint " + file + ": array " + t.name() + " " + Arrays.toString(t.shape())
                        + " does not match the network's " + names.get(i) + " " + target.getShape() + ".");
            }
            try (NDArray values = target.getManager().create(t.values(), target.getShape())) {
                overwrite(target, values);
            }
        }
    }

    /**
     * Copies values into {@code target} by arithmetic in place. DJL's {@code set}/{@code copyTo}
     * on the CPU make the tensor point at a Java buffer (possibly another tensor's memory) instead
     * of copying into its own storage; parameters must keep storage that the engine owns.
     */
    private static void overwrite(NDArray target, NDArray values) {
        target.muli(0f).addi(values);
    }

    public TrainingConfig config() {
        return config;
    }

    /** Optimiser steps completed. */
    public long step() {
        return step;
    }

    /** Training loss of every completed step, in order. */
    public double[] losses() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public List<ValidationPoint> validations() {
        return List.copyOf(validations);
    }

    /** The network with the EMA weights, as samplers use it. Owned by this trainer. */
    public Denoiser emaDenoiser() {
        return new NetworkDenoiser(emaNetwork, config.prediction(), schedule, IntensityMapping.CT_HU,
                config.unet().sizeMultiple());
    }

    /** The training weights (not the EMA), in parameter order; for tests and diagnostics. */
    List<NDArray> weights() {
        return weights;
    }

    List<NDArray> emaWeights() {
        return emaWeights;
    }

    /** One optimiser step; returns its loss. */
    public double trainStep() throws ModelException {
        if (step >= config.steps()) {
            throw new IllegalStateException("training already made all " + config.steps() + " steps");
        }
        int batch = config.batchSize();
        int size = config.patchSize();
        int pixels = size * size;
        TrainingBatch draws = TrainingBatch.draw(StepRandom.of(config.seed(), StepRandom.TRAIN, step), trainPatches,
                batch, config.referenceBatch(), config.uMax(), config.noise());
        double[] alpha = Parameterisation.alphas(schedule, draws.time());
        double[] sigma = Parameterisation.sigmas(schedule, draws.time());
        double rate = learningRate.at(step);
        float loss;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x0 = scope.create(draws.values(batch), new Shape(batch, pixels));
            NDArray eps = scope.create(draws.noise(), new Shape(batch, pixels));
            NDArray x0Target = x0;
            NDArray epsTarget = eps;
            if (config.referenceBatch() > 1) {
                NDArray refs = scope.create(draws.values(config.referenceBatch()),
                        new Shape(config.referenceBatch(), pixels));
                StableTargetField.Targets stf = StableTargetField.targets(x0, eps, refs, alpha, sigma);
                x0Target = stf.x0();
                epsTarget = stf.eps();
            }
            Shape image = new Shape(batch, 1, size, size);
            NDArray target = DiffusionLoss.target(config.prediction(), x0Target, epsTarget, alpha, sigma)
                    .toType(DataType.FLOAT32, false).reshape(image);
            NDArray xt = Coefficients.combine(alpha, x0, sigma, eps).toType(DataType.FLOAT32, false).reshape(image);
            NDArray u = scope.create(toFloats(draws.time()));
            List<NDArray> gradients = new ArrayList<>();
            try {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray out = unet.forward(new ParameterStore(scope, false), new NDList(xt, u), true)
                            .singletonOrThrow();
                    NDArray lossArray = DiffusionLoss.meanSquaredError(out, target);
                    collector.backward(lossArray);
                    loss = lossArray.getFloat();
                }
                for (NDArray w : weights) {
                    NDArray g = w.getGradient();
                    g.attach(scope);
                    gradients.add(g);
                }
                if (!Float.isFinite(loss)) {
                    throw new ModelException("Training diverged at step " + step + " (loss " + loss
                            + "); lower the learning rate or resume from an earlier checkpoint.");
                }
                lastGradientNorm = GradientClipping.clip(gradients, config.clipNorm());
                adam.update(weights, gradients, rate);
                Ema.update(emaWeights, weights, Ema.decay(config.emaDecay(), config.emaWarmup(), step));
            } finally {
                // Backward accumulates into the gradients, so they start every step at zero.
                for (NDArray g : gradients) {
                    g.subi(g);
                }
            }
        }
        freeStrayArrays();
        losses.add((double) loss);
        step++;
        return loss;
    }

    /**
     * Operations on parameters (a reshape, a scale) put their results in the parameters' manager;
     * left there they would accumulate, with their autograd history, over thousands of steps.
     */
    private void freeStrayArrays() {
        for (NDArray a : manager.getManagedArrays()) {
            if (a.getManager() == manager && !kept.contains(a)) {
                a.close();
            }
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /**
     * Mean squared error of the EMA network on the fixed validation set, against the plain
     * denoising target (the true noise, x0 or v), so values are comparable across steps and runs.
     *
     * @return NaN when no validation slices were given
     */
    public double validationLoss() {
        if (validation == null) {
            return Double.NaN;
        }
        int size = validation.size();
        int pixels = size * size;
        int chunk = config.batchSize();
        double sum = 0.0;
        try (NDManager scope = manager.newSubManager()) {
            for (int start = 0; start < validation.count(); start += chunk) {
                int n = Math.min(chunk, validation.count() - start);
                try (NDManager pass = scope.newSubManager()) {
                    double[] time = Arrays.copyOfRange(validation.time(), start, start + n);
                    double[] alpha = Parameterisation.alphas(schedule, time);
                    double[] sigma = Parameterisation.sigmas(schedule, time);
                    Shape flat = new Shape(n, pixels);
                    NDArray x0 = pass.create(Arrays.copyOfRange(validation.clean(), start * pixels, (start + n) * pixels), flat);
                    NDArray eps = pass.create(Arrays.copyOfRange(validation.noise(), start * pixels, (start + n) * pixels), flat);
                    Shape image = new Shape(n, 1, size, size);
                    NDArray target = DiffusionLoss.target(config.prediction(), x0, eps, alpha, sigma)
                            .toType(DataType.FLOAT32, false).reshape(image);
                    NDArray xt = Coefficients.combine(alpha, x0, sigma, eps).toType(DataType.FLOAT32, false)
                            .reshape(image);
                    NDArray out = emaNetwork.forward(xt, pass.create(toFloats(time)));
                    sum += n * DiffusionLoss.meanSquaredError(out, target).getFloat();
                }
            }
        }
        return sum / validation.count();
    }

    /**
     * Trains until the configured number of steps, validating and checkpointing at the configured
     * intervals and after the last step.
     *
     * @param listener   told each step's losses and each checkpoint
     * @param progress   told (steps done, total) after each step and polled for cancellation before each
     * @param checkpoint where to keep the checkpoint (replaced atomically each time), or null
     * @throws CancellationException when cancelled between steps (after writing a checkpoint)
     */
    public void run(TrainingListener listener, Progress progress, Path checkpoint) throws ModelException {
        long began = System.nanoTime();
        long firstStep = step;
        while (step < config.steps()) {
            if (progress.isCancelled()) {
                if (checkpoint != null) {
                    saveCheckpoint(checkpoint);
                    listener.onCheckpoint(step, checkpoint);
                }
                throw new CancellationException("training cancelled after step " + step);
            }
            double rate = learningRate.at(step);
            double loss = trainStep();
            boolean last = step == config.steps();
            double validationLoss = Double.NaN;
            if (validation != null && (step % config.validateEvery() == 0 || last)) {
                validationLoss = validationLoss();
                validations.add(new ValidationPoint(step, validationLoss));
            }
            if (checkpoint != null && (step % config.checkpointEvery() == 0 || last)) {
                saveCheckpoint(checkpoint);
                listener.onCheckpoint(step, checkpoint);
            }
            listener.onStep(new StepReport(step, config.steps(), loss, rate, lastGradientNorm, validationLoss,
                    (System.nanoTime() - began) / 1e9, step - firstStep));
            progress.update((int) step, (int) config.steps());
        }
    }

    /** Writes everything needed to resume to {@code file}, atomically. */
    public void saveCheckpoint(Path file) throws ModelException {
        checkpointState().write(file);
    }

    TrainingCheckpoint checkpointState() {
        return new TrainingCheckpoint(config, step, losses(), List.copyOf(validations), adam.updates(),
                host(weights), host(emaWeights), host(adam.firstMoments()), host(adam.secondMoments()));
    }

    private List<NamedTensor> host(List<NDArray> arrays) {
        List<NamedTensor> out = new ArrayList<>(arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NDArray a = arrays.get(i);
            out.add(new NamedTensor(names.get(i), a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    /**
     * Saves the EMA weights as a ddlm UNet with its JSON sidecar (cosine schedule, x = HU/1000,
     * the trained prediction type), ready for {@code ModelFiles.open}.
     *
     * @param sidecar     the JSON file to write
     * @param weightsName the weights file, relative to the sidecar's folder
     */
    public void exportModel(Path sidecar, String weightsName) throws ModelException {
        exportModel(sidecar, weightsName, true);
    }

    /**
     * As {@link #exportModel(Path, String)}, choosing the EMA weights or the current optimiser weights (for a run too
     * short for the EMA to forget its start).
     */
    public void exportModel(Path sidecar, String weightsName, boolean ema) throws ModelException {
        ModelSpec spec = new ModelSpec(ModelSpec.FORMAT_UNET, weightsName,
                config.prediction().name().toLowerCase(java.util.Locale.ROOT), "cosine", config.timesteps(),
                ModelSpec.LAMBDA_LINEAR, Map.of("s", 0.008), 0.0, 1000.0, config.unet().sizeMultiple(), config.noise());
        ModelFiles.saveUNet(ema ? emaNetwork.unet() : unet, spec, sidecar);
    }

    @Override
    public void close() {
        emaNetwork.close();
        manager.close();
    }
}
