package org.ddlm.plugin.cli;

import org.ddlm.diffusion.net.PriorModels;
import picocli.CommandLine.Option;

/** --model, shared by the commands that measure a prior: the bundled one or a folder written by 'ddlm train'. */
final class PriorOption {
    @Option(names = "--model", description = "default or MODEL_DIR (default ${DEFAULT-VALUE})")
    String model = PriorModels.DEFAULT;
}
