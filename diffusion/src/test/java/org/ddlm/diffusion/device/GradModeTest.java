package org.ddlm.diffusion.device;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Grad mode is per thread in PyTorch: DJL turns it off only where the engine started, so {@link TorchRuntime#start}
 * turns it off on every thread that starts work (Fiji runs each command on a thread of its own).
 */
class GradModeTest {
    @Test
    void startTurnsGradientsOffOnAnotherThread() throws Exception {
        ThreadCounts counts = TorchRuntime.current();
        boolean gradOnNewThread = CompletableFuture.supplyAsync(() -> {
            try {
                TorchRuntime.start(counts);
                return JniUtils.isGradMode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> new Thread(r, "other").start()).get();
        assertFalse(gradOnNewThread);
    }
}
