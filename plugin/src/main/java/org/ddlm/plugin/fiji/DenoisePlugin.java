package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;

/**
 * Plugins > LDCT Diffusion > Denoise (DDLM)...: GenericDialogs ({@link DenoiseDialog}), so the Macro Recorder records
 * them and {@code run("Denoise (DDLM)...", "input=folder folder=/data/low preset=fast ...")} works in (headless)
 * macros.
 */
public final class DenoisePlugin implements PlugIn {
    static final String TITLE = "Denoise (DDLM)";

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        DenoiseOptions options = DenoiseDialog.ask(current != null);
        if (options == null) {
            return;
        }
        MenuRun.showing(TITLE, options.show(), progress -> DenoiseAction.run(options, current, progress));
    }
}
