package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ij.ImagePlus;
import ij.gui.Plot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.net.PriorModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulate Low Dose and Train Prior as the Fiji commands run them (their dialogs' options, without the dialog). */
class SimulateAndTrainTest {
    /**
     * The bundled 25 % dose sample was made by {@code ddlm simulate-dose --dose 0.25 --n0 2.5e5 --seed 1} (fan, Hann,
     * electronic variance 10): the Fiji command with those options must reproduce it, in the image and the series.
     * To stay fast it simulates the first slice only (a copy of that file alone: still slice 0 of its stack, so the
     * same random stream).
     */
    @Test
    void simulationReproducesTheBundledLowDoseSample(@TempDir Path tmp) throws Exception {
        CtStack full = new SeriesScanner().scan(HeadlessMacroTest.FULL).requireStacks().get(0);
        CtStack bundled = new SeriesScanner().scan(HeadlessMacroTest.LOW).requireStacks().get(0);
        Path one = Files.createDirectories(tmp.resolve("one"));
        Files.copy(full.slices().get(0).path(), one.resolve(full.slices().get(0).path().getFileName()));
        Path out = tmp.resolve("sim");
        SimulateAction.Options o = new SimulateAction.Options(false, one, 0.25, 2.5e5, 10, 1, "fan", "hann", out,
                false, 77, true);
        ImagePlus imp = SimulateAction.run(o, null, new IjProgress("test"));
        List<CtStack> written = new SeriesScanner().scan(out).requireStacks();
        assertEquals(1, written.size());
        assertEquals(1, imp.getStackSize());
        assertEquals(full.slices().get(0).normalPosition(), bundled.slices().get(0).normalPosition(), 1e-6);
        float[] expected = bundled.slices().get(0).loadHu().hu();
        float[] image = (float[]) imp.getStack().getPixels(1);
        float[] stored = written.get(0).slices().get(0).loadHu().hu();
        double maxImage = 0;
        double maxStored = 0;
        for (int p = 0; p < expected.length; p++) {
            maxImage = Math.max(maxImage, Math.abs(Math.round(image[p]) - expected[p]));
            maxStored = Math.max(maxStored, Math.abs(stored[p] - expected[p]));
        }
        assertEquals(0.0, maxImage, "image");
        assertEquals(0.0, maxStored, "written series");
        assertEquals("HU", imp.getCalibration().getValueUnit());
        // The same request as the command line: the same DerivationDescription (with the source's tube current and
        // CTDIvol) and the series number asked for.
        Path cli = tmp.resolve("cli");
        assertEquals(0, org.ddlm.plugin.cli.DdlmCli.run("simulate-dose", one.toString(), cli.toString(), "--dose",
                "0.25", "--n0", "2.5e5", "--seed", "1", "--series-number", "77"));
        String description = written.get(0).first().attribute("DerivationDescription");
        assertTrue(description.contains("; source XRayTubeCurrent "), description);
        assertEquals(new SeriesScanner().scan(cli).requireStacks().get(0).first().attribute("DerivationDescription"),
                description);
        assertEquals("77", written.get(0).first().attribute("SeriesNumber"));
    }

    @Test
    void trainingWritesALoadableModelAndNothingElse(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("prior");
        TrainAction.Options o = new TrainAction.Options(HeadlessMacroTest.FULL, null, model, 3, 2, 32, 1e-4, 1,
                "cpu");
        Plot plot = TrainAction.run(o, new IjProgress("test"));
        assertEquals(3, plot.getXValues().length);
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        assertFalse(Files.exists(tmp.resolve("prior.partial")));
        try (PriorModels.Opened opened = PriorModels.open(model.toString(), Device.cpu())) {
            assertTrue(opened.id().startsWith("prior(sha256:"), opened.id());
        }
    }
}
