package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Denoise dialogs read from macro strings (headless ImageJ, patched as Fiji is): strings written for the old
 * one-dialog form (the README's, the acceptance macro's, the script test's keys) give exactly the settings they
 * spell, unspoken advanced keys take the preset's values, and the preset changes only steps and views.
 */
class DenoiseDialogMacroTest {
    private static DenoiseOptions options(boolean current, String folder, String sampler, int steps, double zeta,
                                          double time, int flips, long seed, double noise, String device,
                                          String output, boolean overwrite, boolean show, boolean uncertainty) {
        return options(current, folder, sampler, steps, zeta, time, flips, seed, noise, 0, device, output, overwrite,
                show, uncertainty);
    }

    private static DenoiseOptions options(boolean current, String folder, String sampler, int steps, double zeta,
                                          double time, int flips, long seed, double noise, double normalDose,
                                          String device, String output, boolean overwrite, boolean show,
                                          boolean uncertainty) {
        return new DenoiseOptions(current, folder == null ? null : Path.of(folder), "default", sampler, steps,
                "blend", zeta, time, flips, seed, 4, noise, normalDose, device, output == null ? null
                : Path.of(output), overwrite, show, uncertainty);
    }

    @Test
    void oldAndNewMacroStringsGiveTheirSettings(@TempDir Path tmp) throws Exception {
        List<String> macros = new ArrayList<>();
        List<DenoiseOptions> expected = new ArrayList<>();
        // The README's example, written for the one-dialog form.
        macros.add("input=folder folder=[/data/low/S1002] model=default sampler=ddim steps=2 conditioning=blend "
                + "zeta=0.03 time=0 flips=2 seed=0 batch=4 noise=0 device=auto output=[/data/denoised] show");
        expected.add(options(false, "/data/low/S1002", "ddim", 2, 0.03, 0, 2, 0, 0, "auto", "/data/denoised", false,
                true, false));
        // The acceptance macro's: every old key away from its default.
        macros.add("input=[current image] model=default sampler=dpm2m steps=2 conditioning=blend zeta=0.1 time=2 "
                + "flips=2 seed=7 batch=4 noise=20 device=cpu output=[/tmp/out dir/series] show");
        expected.add(options(true, null, "dpm2m", 2, 0.1, 2, 2, 7, 20, "cpu", "/tmp/out dir/series", false, true,
                false));
        // A few old keys, both flags on: the rest are the old defaults (= preset "default").
        macros.add("input=folder folder=/a steps=1 time=2 device=cpu overwrite uncertainty output=/b");
        expected.add(options(false, "/a", "ddim", 1, 0.03, 2, 2, 0, 0, "cpu", "/b", true, false, true));
        // Only what the main dialog asks: the defaults throughout.
        macros.add("input=folder folder=/a");
        expected.add(options(false, "/a", "ddim", 2, 0.03, 0, 2, 0, 0, "auto", null, false, false, false));
        // Presets; an advanced key still wins over its preset; key-like words in a path are not keys.
        macros.add("input=folder folder=[/data/overwrite steps=9] preset=fast");
        expected.add(options(false, "/data/overwrite steps=9", "ddim", 1, 0.03, 0, 1, 0, 0, "auto", null, false,
                false, false));
        macros.add("input=folder folder=/a preset=best steps=3 noise=12.5");
        expected.add(options(false, "/a", "ddim", 3, 0.03, 0, 4, 0, 12.5, "auto", null, false, false, false));
        // The protocol's normal-dose noise, an advanced key: the rest stay the defaults.
        macros.add("input=folder folder=/a floor=19.4");
        expected.add(options(false, "/a", "ddim", 2, 0.03, 0, 2, 0, 0, 19.4, "auto", null, false, false, false));

        FijiProcess.Result r = FijiProcess.run(FijiProcess.fijiApp(tmp), List.of("-Djava.awt.headless=true"),
                DenoiseDialogMacroMain.class.getName(), macros, tmp.resolve("log.txt"), List.of(), 120);
        assertEquals(0, r.exitCode(), r.output());
        List<String> got = r.output().lines().filter(l -> l.startsWith("options: ")).toList();
        assertEquals(macros.size(), got.size(), r.output());
        for (int i = 0; i < macros.size(); i++) {
            assertEquals("options: " + expected.get(i), got.get(i), macros.get(i));
        }
    }
}
