package org.ddlm.plugin.fiji;

import ai.djl.Device;
import ij.gui.Plot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.device.DeviceChoice;
import org.ddlm.diffusion.device.DeviceSelector;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.train.SliceSource;
import org.ddlm.diffusion.train.StepReport;
import org.ddlm.diffusion.train.Trainer;
import org.ddlm.diffusion.train.TrainingConfig;
import org.ddlm.diffusion.train.TrainingListener;
import org.ddlm.plugin.workflow.UserException;

/**
 * Trains a diffusion prior on normal-dose series with the diffusion module's trainer (the CPU prior configuration
 * of {@code ddlm train}). The model is exported into a temporary sibling folder that becomes {@code out} only when
 * training finished, so a cancelled run leaves nothing.
 */
final class TrainAction {
    record Options(Path data, Path validation, Path out, long steps, int batch, int patch, double learningRate,
                   long seed, String device) {
    }

    private TrainAction() {
    }

    static Plot run(Options o, IjProgress progress) throws Exception {
        if (o.out() == null) {
            throw new UserException("choose a folder for the model");
        }
        if (Files.exists(o.out())) {
            throw new UserException(o.out() + " already exists; choose a new model folder");
        }
        if (o.steps() < 2) {
            throw new UserException("train at least 2 steps");
        }
        SliceSource train = slices(o.data(), "training data");
        SliceSource val = o.validation() == null ? null : slices(o.validation(), "validation data");
        TrainingConfig base = TrainingConfig.cpuPrior();
        TrainingConfig config = base.withBatch(o.patch(), o.batch(), base.referenceBatch())
                .withSteps(o.steps(), Math.max(1, Math.min(o.steps() / 20, o.steps() - 1)))
                .withLearningRates(o.learningRate(), base.finalLearningRate()).withSeed(o.seed());
        Path partial = o.out().resolveSibling(o.out().getFileName() + ".partial");
        return DjlContext.call(o.device(), () -> {
            TorchRuntime.start(ThreadCounts.defaults());
            Device device = DeviceSelector.select(DeviceChoice.parse(o.device()));
            Files.createDirectories(partial);
            boolean done = false;
            try (Trainer trainer = Trainer.start(config, train, val, device)) {
                TrainingListener listener = new TrainingListener() {
                    @Override
                    public void onStep(StepReport r) {
                        progress.update((int) r.step(), (int) r.totalSteps());
                    }
                };
                trainer.run(listener, progress, null);
                trainer.exportModel(partial.resolve("model.json"), "weights.params", true);
                Files.move(partial, o.out(), StandardCopyOption.ATOMIC_MOVE);
                done = true;
                progress.finish("model written to " + o.out());
                return lossPlot(trainer.losses());
            } finally {
                if (!done) {
                    org.ddlm.dicom.OutputFolder.deleteTree(partial);
                }
            }
        });
    }

    private static SliceSource slices(Path dir, String role) throws Exception {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserException(role + ": " + dir + " is not a folder");
        }
        List<HuImage> out = new ArrayList<>();
        for (CtStack stack : new SeriesScanner().scan(dir).requireStacks()) {
            for (CtSlice s : stack.slices()) {
                HuImage img = s.loadHu();
                out.add(img);
            }
        }
        return SliceSource.of(out);
    }

    private static Plot lossPlot(double[] losses) {
        double[] x = new double[losses.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        Plot plot = new Plot("Training loss", "step", "loss (eps MSE)");
        plot.add("line", x, losses);
        plot.setLogScaleY();
        return plot;
    }
}
