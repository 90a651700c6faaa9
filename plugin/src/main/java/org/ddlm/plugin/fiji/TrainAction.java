package org.ddlm.plugin.fiji;

import ij.gui.Plot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.diffusion.device.DeviceChoice;
import org.ddlm.diffusion.device.DeviceSelector;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.train.TrainingListener;
import org.ddlm.plugin.workflow.TrainRequest;
import org.ddlm.plugin.workflow.UserException;

/**
 * Trains a diffusion prior on normal-dose series through the same {@link TrainRequest} as {@code ddlm train} (the CPU
 * prior configuration). The model is exported into a hidden sibling folder that becomes {@code out} only when
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
        requireFolder(o.data(), "training data");
        if (o.validation() != null) {
            requireFolder(o.validation(), "validation data");
        }
        TrainRequest request = TrainRequest.builder(List.of(o.data()), o.out())
                .validation(o.validation() == null ? List.of() : List.of(o.validation())).steps(o.steps())
                .patch(o.patch()).batch(o.batch()).learningRate(o.learningRate()).seed(o.seed()).build();
        return DjlContext.call(o.device(), () -> {
            TrainRequest.Result result = request.run(() -> {
                TorchRuntime.start(ThreadCounts.defaults());
                return DeviceSelector.select(DeviceChoice.parse(o.device()));
            }, progress, TrainingListener.NONE, line -> { });
            progress.finish("model written to " + o.out());
            return lossPlot(result.losses());
        });
    }

    private static void requireFolder(Path dir, String role) throws UserException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserException(role + ": " + dir + " is not a folder");
        }
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
