package org.ddlm.plugin.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.ddlm.diffusion.train.StepReport;

/** training_log.csv: one row per step (step, loss, lr, grad norm, validation loss, seconds). */
public final class TrainingLog {
    private final Path file;

    public TrainingLog(Path file, boolean append) throws IOException {
        this.file = file;
        if (!append || !Files.exists(file)) {
            Files.writeString(file, "step,loss,learning_rate,gradient_norm,validation_loss,seconds\n");
        }
    }

    public void append(StepReport r) {
        try {
            Files.writeString(file, String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g,%s,%.2f%n", r.step(), r.loss(),
                    r.learningRate(), r.gradientNorm(), Double.isNaN(r.validationLoss()) ? ""
                            : String.format(Locale.ROOT, "%.6g", r.validationLoss()), r.elapsedSeconds()),
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
