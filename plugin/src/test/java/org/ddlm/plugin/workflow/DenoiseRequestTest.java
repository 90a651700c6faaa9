package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.ddlm.core.Progress;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request that `ddlm denoise` and Fiji's DDLM Denoise share: on the bundled abdomen sample it writes the same
 * pixels and the same DerivationDescription as the command line (two slices of it), and a cancelled run writes nothing.
 */
class DenoiseRequestTest {
    @TempDir
    static Path tmp;

    private static Path in;
    private static CliRun cli;

    @BeforeAll
    static void denoiseWithTheCommandLine() throws Exception {
        Path sample = Path.of(System.getProperty("ddlm.root", "..")).resolve(
                "sample-scans/abdomen-ge-lightspeed16/sim-25pct-dose");
        in = tmp.resolve("low-dose");
        Files.createDirectories(in);
        // Two neighbouring slices keep the two runs short.
        for (CtSlice slice : stacks(sample).get(0).slices().subList(0, 2)) {
            Files.copy(slice.path(), in.resolve(slice.path().getFileName()));
        }
        cli = CliRun.of("denoise", in.toString(), "--out", tmp.resolve("cli").toString(), "--steps", "1",
                "--sigma", "20", "--device", "cpu", "--threads", "2");
    }

    private static DenoiseRequest request(Path out) throws UserException {
        return DenoiseRequest.builder().settings(new DenoiseSettingsBuilder().steps(1).build()).sigma(20.0)
                .inputs(List.of(in)).output(out).build();
    }

    private static List<CtStack> stacks(Path dir) throws Exception {
        return new SeriesScanner().scan(dir).requireStacks();
    }

    @Test
    void writesWhatTheCommandLineWrites() throws Exception {
        assertEquals(0, cli.exit(), cli.err());
        List<Integer> heard = new ArrayList<>();
        DenoiseRequest.Result result = request(tmp.resolve("request")).run(stacks(in), Device.cpu(), Progress.NONE,
                (stack, i, hu, r) -> heard.add(i));
        CtStack mine = stacks(tmp.resolve("request")).get(0);
        CtStack theirs = stacks(tmp.resolve("cli")).get(0);
        assertEquals(theirs.size(), mine.size());
        assertEquals(List.of(0, 1), heard, "the listener hears each slice once, in order");
        assertEquals(1, result.written().size());
        assertTrue(result.uncertainty().isEmpty());
        assertTrue(result.description().endsWith("; sigma_n 20.0 HU (given)"), result.description());
        for (int i = 0; i < mine.size(); i++) {
            CtSlice a = mine.slices().get(i);
            CtSlice b = theirs.slices().get(i);
            assertArrayEquals(b.loadHu().hu(), a.loadHu().hu(), "slice " + (i + 1) + " pixels");
            assertEquals(b.attribute("DerivationDescription"), a.attribute("DerivationDescription"));
            assertTrue(a.attribute("DerivationDescription").contains(result.description()),
                    a.attribute("DerivationDescription"));
            assertEquals(b.attribute("SeriesNumber"), a.attribute("SeriesNumber"));
        }
    }

    @Test
    void aCancelledRunWritesNothing() throws Exception {
        Path out = tmp.resolve("cancelled");
        Progress cancelled = Progress.of(Progress.NONE, () -> true);
        DenoiseRequest request = DenoiseRequest.builder().settings(new DenoiseSettingsBuilder().steps(1).build())
                .sigma(20.0).timeFactor(1.0).inputs(List.of(in)).output(out).build();
        assertThrows(CancellationException.class, () -> request.run(stacks(in), Device.cpu(), cancelled,
                DenoiseRequest.SliceListener.NONE));
        assertFalse(Files.exists(out), "nothing at " + out);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("cancelled")).toList(),
                    "no staging folder left beside the output");
        }
    }

    @Test
    void refusesABatchBelowOneAndANoiseLevelOutOfRange() throws Exception {
        DenoiseSettingsBuilder settings = new DenoiseSettingsBuilder();
        UserException batch = assertThrows(UserException.class,
                () -> DenoiseRequest.builder().settings(settings.build()).batch(0).build());
        assertEquals("--batch must be at least 1, got 0", batch.getMessage());
        UserException sigma = assertThrows(UserException.class,
                () -> DenoiseRequest.builder().settings(settings.build()).sigma(1000.5).build());
        assertEquals("--sigma must be a noise level from 0 to 1000 HU, got 1000.5", sigma.getMessage());
    }
}
