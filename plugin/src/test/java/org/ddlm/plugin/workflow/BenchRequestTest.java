package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.plugin.bench.BenchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench workflow: a cancel stops before the next DDLM row and the files hold exactly the finished rows. */
class BenchRequestTest {
    @TempDir
    Path tmp;

    @Test
    void aCancelledBenchmarkKeepsTheRowsItFinished() throws Exception {
        Path out = tmp.resolve("bench");
        BenchRequest request = BenchRequest.builder(List.of(SimulateRequestTest.FULL.getParent()), out).slices(1)
                .crop(32).grid("quick").build();
        List<BenchResult> rows = new ArrayList<>();
        List<int[]> progress = new ArrayList<>();
        CancellationException e = assertThrows(CancellationException.class, () -> request.run(() -> {
            TorchRuntime.start(ThreadCounts.of(2));
            return Device.cpu();
        }, Progress.of((done, total) -> progress.add(new int[] {done, total}), () -> !rows.isEmpty()), rows::add,
                line -> { }));
        // The input and the two baselines come before the first DDLM row, which is where the cancel is polled.
        assertEquals(List.of("input", "gaussian", "tv"), rows.stream().map(BenchResult::family).toList());
        assertEquals(3, progress.size());
        assertTrue(e.getMessage().startsWith("benchmark after 3 of "), e.getMessage());
        List<String> csv = Files.readAllLines(out.resolve("bench.csv"));
        assertEquals(1 + 3, csv.size(), "header and the three finished rows: " + csv);
    }

    @Test
    void badOptionsAreRefusedWhenBuilt() {
        assertEquals("--crop must be at least 32 pixels", assertThrows(UserException.class,
                () -> BenchRequest.builder(List.of(tmp), tmp).crop(16).build()).getMessage());
        assertThrows(UserException.class, () -> BenchRequest.builder(List.of(tmp), tmp).grid("huge").build());
    }
}
