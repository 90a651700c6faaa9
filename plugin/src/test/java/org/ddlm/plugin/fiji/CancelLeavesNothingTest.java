package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Esc (or the progress' cancel) stops Denoise and Simulate Low Dose with nothing written: the output series is built
 * in a temporary sibling folder that cancelling removes, and no image results.
 */
class CancelLeavesNothingTest {
    @Test
    void cancelledDenoiseWritesNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("denoised");
        DenoiseOptions o = new DenoiseOptions(false, HeadlessMacroTest.LOW, "default", "dpm2m", 2, "blend", 0.1, 2.5, 1, 0,
                4, 20, 0, "cpu", out, false, false, false);
        IjProgress progress = new IjProgress("test");
        progress.cancel();
        assertThrows(CancellationException.class, () -> DenoiseAction.run(o, null, progress));
        assertEquals(List.of(), list(tmp));
    }

    @Test
    void cancelledSimulationWritesNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("low");
        SimulateAction.Options o = new SimulateAction.Options(false, HeadlessMacroTest.FULL, 0.25, 2.5e5, 10, 1, "fan",
                "hann", out, false, null, false);
        IjProgress progress = new IjProgress("test");
        progress.cancel();
        assertThrows(CancellationException.class, () -> SimulateAction.run(o, null, progress));
        assertEquals(List.of(), list(tmp));
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
