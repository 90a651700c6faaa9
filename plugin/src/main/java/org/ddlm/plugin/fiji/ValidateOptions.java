package org.ddlm.plugin.fiji;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.Window;

/**
 * What the Validate dialog asks for.
 *
 * @param input   the low-dose input series (also measured), or null
 * @param report  folder for per_slice.csv, summary.json and the plots, or null
 * @param windows window names or W,L (abdomen first by default; the first is plotted)
 */
record ValidateOptions(boolean currentImage, Path folder, Path reference, Path input, Path report,
                       String windowText) {
    static final String DEFAULT_WINDOWS = "abdomen wide full";

    List<Window> windows() throws UserException {
        List<Window> out = new ArrayList<>();
        try {
            for (String w : windowText.trim().split("\\s+")) {
                out.add(Window.parse(w));
            }
        } catch (MetricException e) {
            throw new UserException(e.getMessage(), e);
        }
        return out;
    }
}
