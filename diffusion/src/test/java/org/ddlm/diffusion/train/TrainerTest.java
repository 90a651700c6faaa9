package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.NetworkDenoiser;
import org.ddlm.diffusion.net.LoadedNetwork;
import org.ddlm.diffusion.net.ModelFiles;
import org.ddlm.diffusion.net.UNetConfig;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final UNetConfig TINY = new UNetConfig(8, List.of(1, 2), 1, 4, false, 2);
    private static final SliceSource TRAIN = SyntheticSlices.phantoms(4, 32, 11);
    private static final SliceSource HELD_OUT = SyntheticSlices.phantoms(2, 32, 12);

    private static TrainingConfig tiny(long steps) {
        return TrainingConfig.defaults().withUNet(TINY).withBatch(16, 4, 12).withSteps(steps, 2)
                .withLearningRates(1e-3, 1e-5).withIntervals(8, 3, 3).withSeed(5);
    }

    @TempDir
    Path folder;

    @Test
    void resumedRunRepeatsTheUninterruptedRunExactly() throws ModelException {
        double[] straight;
        float[] straightWeights;
        float[] straightEma;
        List<ValidationPoint> straightValidation;
        try (Trainer t = Trainer.start(tiny(6), TRAIN, HELD_OUT, Device.cpu())) {
            t.run(TrainingListener.NONE, org.ddlm.core.Progress.NONE, null);
            straight = t.losses();
            straightWeights = t.weights().get(3).toFloatArray();
            straightEma = t.emaWeights().get(3).toFloatArray();
            straightValidation = t.validations();
        }
        Path checkpoint = folder.resolve("run.ckpt");
        try (Trainer first = Trainer.start(tiny(6), TRAIN, HELD_OUT, Device.cpu())) {
            for (int i = 0; i < 3; i++) {
                first.trainStep();
            }
            first.saveCheckpoint(checkpoint);
        }
        try (Trainer second = Trainer.resume(checkpoint, TRAIN, HELD_OUT, Device.cpu())) {
            assertEquals(3, second.step());
            assertRestoredWeightsSurviveGarbageCollection(second, TrainingCheckpoint.read(checkpoint));
            second.run(TrainingListener.NONE, org.ddlm.core.Progress.NONE, null);
            assertEquals(6, straight.length);
            assertArrayEquals(straight, second.losses(), 0.0, "losses must be bit-identical");
            assertArrayEquals(straightWeights, second.weights().get(3).toFloatArray(), 0f);
            assertArrayEquals(straightEma, second.emaWeights().get(3).toFloatArray(), 0f);
            // The straight run validated after steps 3 and 6; the resumed one after 6 only.
            assertEquals(straightValidation.get(1), second.validations().get(0));
        }
    }

    @Test
    void startFromTakesTheTrainedWeightsWithANewScheduleAndFreshOptimiser() throws ModelException {
        Path checkpoint = folder.resolve("first.ckpt");
        float[] trained;
        try (Trainer first = Trainer.start(tiny(6), TRAIN, null, Device.cpu())) {
            for (int i = 0; i < 3; i++) {
                first.trainStep();
            }
            first.saveCheckpoint(checkpoint);
            trained = first.weights().get(3).toFloatArray();
        }
        TrainingConfig longer = tiny(10).withLearningRates(5e-4, 1e-6);
        try (Trainer next = Trainer.startFrom(checkpoint, longer, TRAIN, null, Device.cpu());
             Trainer fresh = Trainer.start(longer, TRAIN, null, Device.cpu())) {
            assertEquals(0, next.step());
            assertEquals(longer, next.config());
            assertArrayEquals(trained, next.weights().get(3).toFloatArray(), 0f);
            assertArrayEquals(trained, next.emaWeights().get(3).toFloatArray(), 0f, "EMA starts at the weights");
            double[] firstLoss = {next.trainStep(), fresh.trainStep()};
            // Same batch (same seed and step), trained weights vs random ones: the loss must be lower.
            assertTrue(firstLoss[0] < firstLoss[1], java.util.Arrays.toString(firstLoss));
        }
        TrainingConfig wider = longer.withUNet(new UNetConfig(16, List.of(1, 2), 1, 4, false, 2));
        ModelException e = assertThrows(ModelException.class,
                () -> Trainer.startFrom(checkpoint, wider, TRAIN, null, Device.cpu()));
        assertTrue(e.getMessage().contains(checkpoint.toString()), e.getMessage());
    }

    /**
     * DJL 0.33's NDArray.set(float[]) on the CPU points the tensor at a Java buffer it does not keep
     * alive; restored weights must not depend on such a buffer. Churn the heap and compare.
     */
    private static void assertRestoredWeightsSurviveGarbageCollection(Trainer trainer, TrainingCheckpoint saved) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int k = 0; k < 64; k++) {
                java.nio.ByteBuffer junk = java.nio.ByteBuffer.allocateDirect(1 << 16);
                while (junk.hasRemaining()) {
                    junk.put((byte) 0x7f);
                }
            }
        }
        for (int i = 0; i < saved.weights().size(); i++) {
            assertArrayEquals(saved.weights().get(i).values(), trainer.weights().get(i).toFloatArray(), 0f);
            assertArrayEquals(saved.emaWeights().get(i).values(), trainer.emaWeights().get(i).toFloatArray(), 0f);
        }
    }

    @Test
    void aCrashWhileWritingLeavesThePreviousCheckpoint() throws Exception {
        Path checkpoint = folder.resolve("run.ckpt");
        try (Trainer t = Trainer.start(tiny(6), TRAIN, null, Device.cpu())) {
            t.trainStep();
            t.saveCheckpoint(checkpoint);
            byte[] before = Files.readAllBytes(checkpoint);
            t.trainStep();
            List<Path> temporaries = new ArrayList<>();
            ModelException e = assertThrows(ModelException.class, () -> t.checkpointState().write(checkpoint, tmp -> {
                temporaries.add(tmp);
                assertTrue(Files.size(tmp) > before.length / 2, "the temporary file was written in full");
                throw new IOException("simulated crash after writing " + tmp.getFileName());
            }));
            assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(checkpoint));
            assertEquals(1, TrainingCheckpoint.read(checkpoint).step());
            assertTrue(Files.notExists(temporaries.get(0)), "the temporary file is removed");
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(List.of(checkpoint), files.toList());
            }
            t.saveCheckpoint(checkpoint);
            assertEquals(2, TrainingCheckpoint.read(checkpoint).step());
        }
    }

    @Test
    void checkpointRoundTripsEverything() throws ModelException {
        Path checkpoint = folder.resolve("a.ckpt");
        try (Trainer t = Trainer.start(tiny(6).withPrediction(Prediction.V).withEma(0.99, true), TRAIN, HELD_OUT,
                Device.cpu())) {
            t.run(TrainingListener.NONE, org.ddlm.core.Progress.NONE, checkpoint);
            TrainingCheckpoint saved = TrainingCheckpoint.read(checkpoint);
            assertEquals(t.config(), saved.config());
            assertEquals(6, saved.step());
            assertArrayEquals(t.losses(), saved.losses(), 0.0);
            assertEquals(t.validations(), saved.validations());
            assertEquals(6, saved.adamUpdates());
            assertArrayEquals(t.emaWeights().get(0).toFloatArray(), saved.emaWeights().get(0).values(), 0f);
        }
    }

    /**
     * 80 steps of a small UNet over the full noise range: the EMA validation loss must fall well
     * below that of predicting zero noise (the mean ε² of the fixed validation noise, ≈ 1).
     */
    @Test
    void lossGoesDownOnSyntheticImages() throws ModelException {
        TrainingConfig config = TrainingConfig.defaults().withUNet(new UNetConfig(16, List.of(1, 2), 1, 4, false, 2))
                .withBatch(16, 8, 32).withSteps(80, 5).withLearningRates(3e-3, 1e-4).withIntervals(32, 80, 80)
                .withEma(0.9, false).withUMax(999).withSeed(3);
        ValidationSet fixed = ValidationSet.draw(config, new PatchSampler(HELD_OUT, 16, 0.5, IntensityMapping.CT_HU));
        double zeroPredictor = 0;
        for (double e : fixed.noise()) {
            zeroPredictor += e * e / fixed.noise().length;
        }
        List<StepReport> reports = new ArrayList<>();
        try (Trainer t = Trainer.start(config, TRAIN, HELD_OUT, Device.cpu())) {
            double before = t.validationLoss();
            assertEquals(before, t.validationLoss(), 0.0, "the validation set is fixed");
            t.run(reports::add, org.ddlm.core.Progress.NONE, null);
            double[] losses = t.losses();
            double early = mean(losses, 5, 15);
            double late = mean(losses, 70, 80);
            double after = t.validations().get(0).loss();
            assertTrue(late < 0.9 * early, "training loss " + early + " -> " + late);
            assertTrue(after < 0.85 * zeroPredictor, "validation loss " + after + ", zero predictor " + zeroPredictor);
            assertTrue(after < 0.5 * before, "validation loss " + before + " -> " + after);
        }
        assertEquals(80, reports.size());
        assertEquals(1, reports.get(0).step());
        assertEquals(80, reports.get(79).step());
        assertTrue(Double.isNaN(reports.get(10).validationLoss()));
        assertTrue(Double.isFinite(reports.get(79).validationLoss()));
        assertEquals(3e-3 / 5, reports.get(0).learningRate(), 1e-15);
        assertEquals(1e-4, reports.get(79).learningRate(), 1e-15);
        assertEquals(0.0, reports.get(79).secondsRemaining(), 0.0);
    }

    @Test
    void exportedModelGivesTheEmaPredictions() throws ModelException {
        Path sidecar = folder.resolve("prior.json");
        try (Trainer t = Trainer.start(tiny(3), TRAIN, null, Device.cpu())) {
            t.run(TrainingListener.NONE, org.ddlm.core.Progress.NONE, null);
            t.exportModel(sidecar, "prior.unet");
            try (LoadedNetwork loaded = ModelFiles.open(sidecar, Device.cpu());
                    NDManager m = NDManager.newBaseManager()) {
                assertEquals("eps", loaded.spec().prediction());
                assertEquals(1000, loaded.spec().timesteps());
                Denoiser fromFile = new NetworkDenoiser(loaded.network(), Prediction.EPS, DiscreteSchedule.cosine(1000),
                        IntensityMapping.CT_HU, loaded.spec().sizeMultiple());
                NDArray x = m.randomNormal(new Shape(2, 1, 16, 16));
                double[] time = {5.5, 80.0};
                float[] expected = t.emaDenoiser().predict(x, time).toFloatArray();
                assertArrayEquals(expected, fromFile.predict(x, time).toFloatArray(), 0f);
            }
        }
    }

    @Test
    void cancellationWritesACheckpointAndStops() throws ModelException {
        Path checkpoint = folder.resolve("c.ckpt");
        try (Trainer t = Trainer.start(tiny(6), TRAIN, null, Device.cpu())) {
            int[] calls = {0};
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> t.run(TrainingListener.NONE,
                            org.ddlm.core.Progress.of(org.ddlm.core.Progress.NONE, () -> ++calls[0] > 2), checkpoint));
            assertEquals(2, t.step());
            assertEquals(2, TrainingCheckpoint.read(checkpoint).step());
        }
    }

    @Test
    void invalidSettingsAreRefusedWithAReason() {
        ModelException e = assertThrows(ModelException.class,
                () -> Trainer.start(tiny(6).withBatch(18, 4, 12), TRAIN, null, Device.cpu()));
        assertTrue(e.getMessage().contains("size multiple"), e.getMessage());
        e = assertThrows(ModelException.class,
                () -> Trainer.start(tiny(6).withBatch(16, 4, 2), TRAIN, null, Device.cpu()));
        assertTrue(e.getMessage().contains("reference batch"), e.getMessage());
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
