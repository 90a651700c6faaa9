package org.ddlm.plugin.cli;

import org.ddlm.validation.simulate.DoseSettings;
import picocli.CommandLine.Option;

/** --n0, shared by the commands that simulate a lower dose: the photons a ray starts with at full dose. */
final class N0Option {
    @Option(names = "--n0", paramLabel = "N0", description = "incident photons per ray at full dose "
            + "(default ${DEFAULT-VALUE})")
    double n0 = DoseSettings.DEFAULT_N0;
}
