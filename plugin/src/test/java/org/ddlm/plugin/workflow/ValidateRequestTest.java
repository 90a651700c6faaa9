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
import org.ddlm.core.Progress;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.cli.DdlmCli;
import org.ddlm.validation.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate workflow: the command line's report is the request's; bad folders are refused before any work. */
class ValidateRequestTest {
    static final Path LOW = SimulateRequestTest.FULL.resolveSibling("sim-25pct-dose");

    @TempDir
    Path tmp;

    /** Slices {@code from..to} (0-based, stack order) of {@code series} copied into {@code name}. */
    private Path slices(Path series, String name, int from, int to) throws Exception {
        CtStack s = new SeriesScanner().scan(series).requireStacks().get(0);
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = from; i <= to; i++) {
            Path f = s.slices().get(i).path();
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }

    private static ValidateRequest.Series series(Path dir) throws Exception {
        return new ValidateRequest.Series(dir.toString(), new SeriesScanner().scan(dir).requireStacks().get(0));
    }

    @Test
    void theRequestWritesTheNumbersTheCommandLineWrites() throws Exception {
        Path low = slices(LOW, "low", 2, 3);
        Path full = slices(SimulateRequestTest.FULL, "full", 2, 3);
        Path cli = tmp.resolve("cli");
        Path req = tmp.resolve("req");
        assertEquals(0, DdlmCli.run("validate", low.toString(), full.toString(), "--report", cli.toString(),
                "--window", "abdomen", "--window", "chest"));
        List<int[]> updates = new ArrayList<>();
        ValidateRequest request = ValidateRequest.builder().report(req, List.of(low, full))
                .windows(List.of(org.ddlm.validation.metrics.Window.parse("abdomen"),
                        org.ddlm.validation.metrics.Window.parse("chest"))).build();
        ValidateRequest.Measured m = request.run(series(low), series(full), null,
                (done, total) -> updates.add(new int[] {done, total}));
        assertEquals(2, m.pairing().size());
        assertArrayEquals(new int[] {2, 2}, updates.get(updates.size() - 1));
        assertArrayEquals(Files.readAllBytes(cli.resolve(ReportWriter.CSV)),
                Files.readAllBytes(req.resolve(ReportWriter.CSV)));
    }

    @Test
    void aReportFolderInsideAMeasuredSeriesOrAFileIsRefusedWhenBuilt() throws Exception {
        Path full = slices(SimulateRequestTest.FULL, "full", 0, 0);
        UserException inside = assertThrows(UserException.class, () -> ValidateRequest.builder()
                .report(full.resolve("r"), List.of(full)).build());
        assertTrue(inside.getMessage().endsWith("(symbolic links followed); choose one outside the series it "
                + "measures"), inside.getMessage());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals("the report folder " + file + " exists and is not a folder", assertThrows(UserException.class,
                () -> ValidateRequest.builder().report(file, List.of(full)).build()).getMessage());
        assertThrows(UserException.class, () -> ValidateRequest.builder().matchTolerance(0).build());
        assertFalse(Files.exists(full.resolve("r")));
    }

    @Test
    void aCancelledRunWritesNoReport() throws Exception {
        Path full = slices(SimulateRequestTest.FULL, "full", 0, 1);
        Path report = tmp.resolve("report");
        ValidateRequest request = ValidateRequest.builder().report(report, List.of(full)).build();
        Progress cancelled = Progress.of(Progress.NONE, () -> true);
        assertThrows(CancellationException.class,
                () -> request.run(series(full), series(full), null, cancelled));
        assertFalse(Files.exists(report));
    }
}
