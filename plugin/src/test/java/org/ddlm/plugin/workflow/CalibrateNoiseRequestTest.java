package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibrate-noise workflow: options checked when built, a cancelled run writes no JSON. */
class CalibrateNoiseRequestTest {
    @TempDir
    Path tmp;

    @Test
    void aCancelledCalibrationStopsBeforeTheNextSliceAndWritesNothing() throws Exception {
        Path data = SimulateRequestTest.firstSlices(tmp, 2);
        Path out = tmp.resolve("noise_calibration.json");
        // Only the second slice is simulated (the centre of one share of two): the first costs a noise measurement.
        CalibrateNoiseRequest request = CalibrateNoiseRequest.builder(List.of(data), out).slicesPerSeries(1).build();
        List<Integer> done = new ArrayList<>();
        List<String> log = new ArrayList<>();
        CancellationException e = assertThrows(CancellationException.class, () -> request.run(
                Progress.of((d, total) -> done.add(d), () -> !done.isEmpty()), log::add));
        assertEquals("calibrate-noise after 1 of 2 slices: cancelled", e.getMessage());
        assertEquals(List.of(1), done);
        assertEquals(List.of(), log, "no series finished");
        assertFalse(Files.exists(out));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(data), files.toList(), "no temporary file left");
        }
    }

    @Test
    void badOptionsAreRefusedWhenBuilt() throws Exception {
        Path out = tmp.resolve("c.json");
        assertEquals("--data " + tmp.resolve("none") + " is not a folder", assertThrows(UserException.class,
                () -> CalibrateNoiseRequest.builder(List.of(tmp.resolve("none")), out).build()).getMessage());
        assertEquals("--time-factors 1:2,x: 'x' is not S:C", assertThrows(UserException.class,
                () -> CalibrateNoiseRequest.builder(List.of(tmp), out).timeFactors("1:2,x").build()).getMessage());
        assertThrows(UserException.class, () -> CalibrateNoiseRequest.builder(List.of(tmp), out).dose(0).build());
    }
}
