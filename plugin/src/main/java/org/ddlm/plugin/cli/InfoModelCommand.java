package org.ddlm.plugin.cli;

import java.util.concurrent.Callable;
import org.ddlm.diffusion.net.PriorModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info-model", description = "Print the model card of a prior: 'default' (bundled) or a model folder.")
final class InfoModelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", defaultValue = "default", description = "default or MODEL_DIR")
    String model;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.print(PriorModels.card(model));
        out.flush();
        return 0;
    }
}
