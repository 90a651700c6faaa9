package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train workflow: refusals when built, and a cancelled fresh run that leaves nothing beside its inputs. */
class TrainRequestTest {
    @TempDir
    Path tmp;

    @Test
    void aCancelledRunStopsAfterTheStepItWasCancelledAtAndLeavesNoFolder() throws Exception {
        Path data = SimulateRequestTest.firstSlices(tmp, 1);
        Path model = tmp.resolve("prior");
        TrainRequest request = TrainRequest.builder(List.of(data), model).steps(5).batch(2).patch(32).build();
        List<Integer> steps = new ArrayList<>();
        List<String> log = new ArrayList<>();
        CancellationException e = assertThrows(CancellationException.class, () -> request.run(() -> {
            TorchRuntime.start(ThreadCounts.of(2));
            return Device.cpu();
        }, Progress.of((done, total) -> steps.add(done), () -> steps.size() >= 2), TrainingListener.NONE, log::add));
        assertEquals("training cancelled after step 2", e.getMessage());
        assertEquals(List.of(1, 2), steps);
        assertEquals("training on 1 slice(s) from 1 stack(s)", log.get(0));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(data), files.toList(), "neither the model nor its hidden partial folder");
        }
    }

    @Test
    void refusalsComeBeforeAnyWork() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("m"));
        assertEquals(model + " already exists; choose a new model folder", assertThrows(UserException.class,
                () -> TrainRequest.builder(List.of(tmp), model).build()).getMessage());
        assertEquals("--resume: no checkpoint at " + model.resolve("checkpoint.ddlm"), assertThrows(
                UserException.class, () -> TrainRequest.builder(List.of(tmp), model).resumable(true).resume(true)
                        .build()).getMessage());
        Files.writeString(model.resolve("model.json"), "{}");
        assertEquals(model + " already holds a model; choose a new --out or pass --resume", assertThrows(
                UserException.class, () -> TrainRequest.builder(List.of(tmp), model).resumable(true).build())
                .getMessage());
        assertThrows(org.ddlm.diffusion.model.ModelException.class,
                () -> TrainRequest.builder(List.of(tmp), tmp.resolve("n")).patch(30).build());
    }
}
