package org.ddlm.plugin.fiji;

import ij.Macro;
import ij.gui.GenericDialog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.ddlm.diffusion.net.PriorModels;

/**
 * The Denoise dialogs, for people first: the main one asks what a user decides (input, model, a speed/quality
 * preset, the noise level, the output); the algorithm's settings sit behind "Advanced", a second dialog that starts
 * from the preset's values. A macro keeps every key it ever had: one that gives any advanced key opens the advanced
 * dialog (read from the macro, as ImageJ does), so {@code run("Denoise (DDLM)...", "... steps=2 zeta=0.1 ...")}
 * means what it meant before the presets. The first word of each label is its macro key. Both dialogs have a Help
 * button with the command's documentation.
 */
final class DenoiseDialog {
    static final String ADVANCED_TITLE = DenoisePlugin.TITLE + ": advanced settings";
    static final String NOISE_LABEL = "Noise level (HU; 0 = estimate from the image)";
    static final String NORMAL_DOSE_LABEL = "Floor: normal-dose noise of the protocol (HU; 0 = the prior's)";

    private DenoiseDialog() {
    }

    /** Asks (or reads from the running macro); null when the user cancelled either dialog. */
    static DenoiseOptions ask(boolean imageOpen) {
        GenericDialog gd = main(imageOpen);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        boolean currentImage = gd.getNextChoice().equals(Inputs.CURRENT);
        String folder = gd.getNextString();
        String model = gd.getNextString().trim();
        DenoisePreset preset = DenoisePreset.named(gd.getNextChoice());
        double noise = gd.getNextNumber();
        String output = gd.getNextString();
        boolean overwrite = gd.getNextBoolean();
        boolean show = gd.getNextBoolean();
        boolean advanced = gd.getNextBoolean();
        DenoiseAdvanced a = preset.advanced();
        if (advanced || macroGivesAny(DenoiseAdvanced.KEYS)) {
            GenericDialog more = advanced(a);
            more.showDialog();
            if (more.wasCanceled()) {
                return null;
            }
            a = readAdvanced(more);
        }
        return new DenoiseOptions(currentImage, Inputs.optionalPath(folder), model.isEmpty() ? PriorModels.DEFAULT
                : model, a.sampler(), a.steps(), a.conditioning(), a.zeta(), a.timeFactor(), a.flips(), a.seed(),
                a.batch(), noise, a.normalDoseNoise(), a.device(), Inputs.optionalPath(output), overwrite, show,
                a.uncertainty());
    }

    static GenericDialog main(boolean imageOpen) {
        GenericDialog gd = new GenericDialog(DenoisePlugin.TITLE);
        Inputs.addInputChoice(gd, "Input", imageOpen);
        Inputs.addFolderField(gd, "Folder (DICOM series)", "");
        gd.addStringField("Model ('default' or a trained model folder)", PriorModels.DEFAULT, 30);
        gd.addChoice("Preset (speed/quality)", DenoisePreset.NAMES, DenoisePreset.DEFAULT.key);
        gd.addNumericField(NOISE_LABEL, 0, 2);
        Inputs.addFolderField(gd, "Output folder for a DICOM series (empty = none)", "");
        gd.addCheckbox("Overwrite output folder", false);
        gd.addCheckbox("Show result", true);
        gd.addCheckbox("Advanced settings (sampler, steps, views, seed, device ...)", false);
        gd.addHelp(help());
        return gd;
    }

    static GenericDialog advanced(DenoiseAdvanced a) {
        GenericDialog gd = new GenericDialog(ADVANCED_TITLE);
        gd.addChoice("Sampler", DenoiseOptions.SAMPLERS, a.sampler());
        gd.addNumericField("Steps", a.steps(), 0);
        gd.addChoice("Conditioning", DenoiseOptions.CONDITIONINGS, a.conditioning());
        gd.addNumericField("Zeta (blend weight)", a.zeta(), 3);
        gd.addNumericField("Time factor (start at this x noise; 0 = by noise texture)", a.timeFactor(), 2);
        gd.addNumericField(NORMAL_DOSE_LABEL, a.normalDoseNoise(), 2);
        gd.addChoice("Flips (mirror views averaged)", DenoiseOptions.FLIPS, Integer.toString(a.flips()));
        gd.addNumericField("Seed", a.seed(), 0);
        gd.addNumericField("Batch size (slices)", a.batch(), 0);
        gd.addChoice("Device", DenoiseOptions.DEVICES, a.device());
        gd.addCheckbox("Uncertainty (spread of the views as a second stack)", a.uncertainty());
        gd.addHelp(help());
        return gd;
    }

    private static DenoiseAdvanced readAdvanced(GenericDialog gd) {
        return new DenoiseAdvanced(gd.getNextChoice(), (int) gd.getNextNumber(), gd.getNextChoice(),
                gd.getNextNumber(), gd.getNextNumber(), gd.getNextNumber(), Integer.parseInt(gd.getNextChoice()),
                (long) gd.getNextNumber(), (int) gd.getNextNumber(), gd.getNextChoice(), gd.getNextBoolean());
    }

    /** Whether a running macro's options name any of these keys. */
    private static boolean macroGivesAny(String[] keys) {
        Set<String> given = MacroOptions.keys(Macro.getOptions());
        return Arrays.stream(keys).anyMatch(given::contains);
    }

    /** The command's documentation, shown by the Help button (GenericDialog shows text starting "<html>"). */
    static String help() {
        try (InputStream in = DenoiseDialog.class.getResourceAsStream("denoise-help.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            return "<html>The help page is missing from the plugin jar; see docs/fiji.md in the project.</html>";
        }
    }
}
