package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.ddlm.core.Progress;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.cli.DdlmCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulate-dose workflow: what the command line writes is what the request writes; a cancel writes nothing. */
class SimulateRequestTest {
    static final Path FULL = Path.of(System.getProperty("ddlm.root", ".."))
            .resolve("sample-scans/abdomen-ge-lightspeed16/full-dose");

    @TempDir
    Path tmp;

    /** The first {@code n} slices of the bundled full-dose sample (slice 0 keeps its random stream). */
    static Path firstSlices(Path tmp, int n) throws Exception {
        CtStack full = new SeriesScanner().scan(FULL).requireStacks().get(0);
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < n; i++) {
            Path f = full.slices().get(i).path();
            Files.copy(f, in.resolve(f.getFileName()));
        }
        return in;
    }

    static CtStack stack(Path dir) throws Exception {
        return new SeriesScanner().scan(dir).requireStacks().get(0);
    }

    @Test
    void theRequestWritesWhatTheCommandLineWrites() throws Exception {
        Path in = firstSlices(tmp, 1);
        Path cli = tmp.resolve("cli");
        Path req = tmp.resolve("req");
        assertEquals(0, DdlmCli.run("simulate-dose", in.toString(), cli.toString(), "--dose", "0.3", "--seed", "5",
                "--filter", "ramp", "--series-number", "77"));
        SimulateRequest request = SimulateRequest.builder().dose(0.3).seed(5).filter("ramp").output(req)
                .seriesNumber(77).build();
        List<float[]> seen = new ArrayList<>();
        SimulateRequest.Result r = request.run(List.of(stack(in)), List.of(in), Progress.NONE,
                (s, i, hu) -> seen.add(hu.clone()));
        assertEquals(1, r.written().size());
        CtStack a = stack(cli);
        CtStack b = stack(req);
        assertArrayEquals(a.slices().get(0).loadHu().hu(), b.slices().get(0).loadHu().hu());
        assertEquals(1, seen.size());
        // The listener gets the simulated HU before the writer's int16 rounding: within half a unit of the file.
        float[] stored = b.slices().get(0).loadHu().hu();
        double worst = 0;
        for (int p = 0; p < stored.length; p++) {
            worst = Math.max(worst, Math.abs(seen.get(0)[p] - stored[p]));
        }
        assertTrue(worst <= 0.5 + 1e-3, "listener vs file: " + worst);
        String description = a.first().attribute("DerivationDescription");
        assertEquals(description, b.first().attribute("DerivationDescription"));
        assertTrue(description.contains("source XRayTubeCurrent "), description);
        assertEquals("77", a.first().attribute("SeriesNumber"));
        assertEquals("77", b.first().attribute("SeriesNumber"));
        assertTrue(r.rays() > 0);
    }

    @Test
    void aCancelledProgressStopsTheRunAndNothingIsWritten() throws Exception {
        Path in = firstSlices(tmp, 2);
        Path out = tmp.resolve("out");
        SimulateRequest request = SimulateRequest.builder().output(out).build();
        List<Integer> done = new ArrayList<>();
        Progress cancelAfterOne = Progress.of((d, total) -> done.add(d), () -> !done.isEmpty());
        CancellationException e = assertThrows(CancellationException.class,
                () -> request.run(List.of(stack(in)), List.of(in), cancelAfterOne, SimulateRequest.SliceListener.NONE));
        assertEquals("simulation cancelled after 1 slices", e.getMessage());
        assertEquals(List.of(1), done);
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(in), s.toList(), "no temporary folder left beside the output");
        }
    }

    @Test
    void optionsAreCheckedWhenBuiltAndAnOutputInsideTheInputIsRefused() throws Exception {
        UserException dose = assertThrows(UserException.class, () -> SimulateRequest.builder().dose(2).build());
        assertTrue(dose.getMessage().startsWith("dose fraction must be in"), dose.getMessage());
        assertEquals("--threads must be at least 1",
                assertThrows(UserException.class, () -> SimulateRequest.builder().threads(0).build()).getMessage());
        assertThrows(UserException.class, () -> SimulateRequest.builder().filter("box").build());
        Path in = firstSlices(tmp, 1);
        SimulateRequest inside = SimulateRequest.builder().output(in.resolve("low")).build();
        assertThrows(org.ddlm.dicom.DicomWriteException.class, () -> inside.checkOutput(List.of(in)));
        assertFalse(Files.exists(in.resolve("low")));
    }
}
