package org.ddlm.plugin.fiji;

import ij.IJ;
import ij.plugin.PlugIn;
import ij.text.TextWindow;
import java.awt.GraphicsEnvironment;

/** Help > About Plugins > About DDLM...: version, licence and third-party notices; the log when headless. */
public final class AboutPlugin implements PlugIn {
    static final String TITLE = "About DDLM";

    @Override
    public void run(String arg) {
        String text = AboutText.text();
        if (GraphicsEnvironment.isHeadless()) {
            IJ.log(text);
        } else {
            // A TextWindow has no column headings when the first argument is empty; each line is one row.
            new TextWindow(TITLE, "", text, 760, 560);
        }
    }
}
