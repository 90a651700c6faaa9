package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The SciJava commands as a script runs them ({@code CommandService.run(...).get()}): a failure shows as a cancelled
 * module with the reason, and Denoise hands back its stack as the output {@code result}.
 */
class CommandServiceRunTest {
    private static Context context;
    private static CommandService commands;

    @BeforeAll
    static void start() {
        context = new Context();
        commands = context.getService(CommandService.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    @Test
    void denoiseOfAMissingFolderCancelsWithTheReason(@TempDir Path tmp) throws Exception {
        File missing = tmp.resolve("no-such-series").toFile();
        CommandModule m = commands.run(DenoiseCommand.class, true, "input", Inputs.FOLDER, "folder", missing, "show",
                false).get();
        assertTrue(m.isCanceled(), "a failed run must cancel its module");
        assertTrue(m.getCancelReason().contains("no-such-series") && m.getCancelReason().contains("is not a folder"),
                m.getCancelReason());
        assertNull(m.getOutput("result"));
    }

    @Test
    void simulateAndTrainReportTheirFailuresToo(@TempDir Path tmp) throws Exception {
        CommandModule sim = commands.run(SimulateLowDoseCommand.class, true, "input", Inputs.FOLDER, "folder",
                tmp.resolve("none").toFile(), "show", false).get();
        assertTrue(sim.isCanceled());
        assertTrue(sim.getCancelReason().contains("is not a folder"), sim.getCancelReason());
        CommandModule train = commands.run(TrainPriorCommand.class, true, "data", tmp.toFile(), "model",
                tmp.resolve("prior").toFile()).get();
        assertTrue(train.isCanceled());
        assertTrue(train.getCancelReason().contains("no CT image stack found"), train.getCancelReason());
    }

    /**
     * A script that gives every input but one optional folder names that folder with null: SciJava's FilePreprocessor
     * asks for a lone missing file, which headless cancels with an empty reason before the command runs. With the
     * null the command runs and gives its own reason.
     */
    @Test
    void aLoneOptionalFolderIsPassedAsNull(@TempDir Path tmp) throws Exception {
        java.util.Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        inputs.put("data", tmp.toFile());
        inputs.put("validation", null);
        inputs.put("model", tmp.resolve("prior").toFile());
        inputs.put("steps", 2L);
        inputs.put("batch", 2);
        inputs.put("patch", 32);
        inputs.put("learning", 1e-4);
        inputs.put("seed", 1L);
        inputs.put("device", "cpu");
        CommandModule train = commands.run(TrainPriorCommand.class, true, inputs).get();
        assertTrue(train.isCanceled());
        assertTrue(train.getCancelReason().contains("no CT image stack found"), "'" + train.getCancelReason() + "'");
    }

    /** Inputs a script leaves out are the defaults, not what an earlier run in the same Fiji gave (no persistence). */
    @Test
    void inputsAreNotRememberedBetweenRuns(@TempDir Path tmp) throws Exception {
        CommandModule first = commands.run(DenoiseCommand.class, true, "input", Inputs.FOLDER, "folder",
                tmp.resolve("none").toFile(), "output", tmp.resolve("out").toFile(), "overwrite", true, "steps", 7,
                "show", false).get();
        assertTrue(first.isCanceled());
        CommandModule second = commands.run(DenoiseCommand.class, true, "input", Inputs.FOLDER, "folder",
                tmp.resolve("none").toFile(), "show", false).get();
        assertTrue(second.isCanceled());
        assertNull(second.getInput("output"));
        assertEquals(false, second.getInput("overwrite"));
        assertEquals(org.ddlm.diffusion.ddlm.DdlmSettings.defaults().steps(), second.getInput("steps"));
    }

    /** Two slices of the bundled 25 % dose sample, one DDIM step, two views and their spread: seconds on 2 cores. */
    @Test
    void denoiseReturnsTheDenoisedStack(@TempDir Path tmp) throws Exception {
        Path two = Files.createDirectories(tmp.resolve("two"));
        for (String name : new String[] {"0001.dcm", "0002.dcm"}) {
            Files.copy(HeadlessMacroTest.LOW.resolve(name), two.resolve(name));
        }
        CommandModule m = commands.run(DenoiseCommand.class, true, "input", Inputs.FOLDER, "folder", two.toFile(), "steps",
                1, "flips", "2", "time", 2.0, "device", "cpu", "show", false, "uncertainty", true).get();
        assertFalse(m.isCanceled(), m.getCancelReason());
        ImagePlus result = (ImagePlus) m.getOutput("result");
        assertNotNull(result);
        assertEquals(2, result.getStackSize());
        assertEquals(512, result.getWidth());
        assertEquals("HU", result.getCalibration().getValueUnit());
        // The spread of the two mirror views: a second stack on the same grid, never negative, not all zero.
        ImagePlus spread = (ImagePlus) result.getProperty("ddlm.spread");
        assertNotNull(spread);
        assertEquals(2, spread.getStackSize());
        assertEquals(512, spread.getWidth());
        ij.process.ImageStatistics stats = spread.getStack().getProcessor(1).getStats();
        assertTrue(stats.min >= 0 && stats.max > 0, "spread " + stats.min + " .. " + stats.max);
    }
}
