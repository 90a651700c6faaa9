package org.ddlm.plugin.cli;

import org.ddlm.diffusion.net.PriorModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info-model", description = "Print the model card of a prior: 'default' (bundled) or a model folder.")
final class InfoModelCommand extends Subcommand {
    @Parameters(paramLabel = "MODEL", defaultValue = "default", description = "default or MODEL_DIR")
    String model;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = stdout();
        out.print(PriorModels.card(model));
        out.flush();
        return 0;
    }
}
