package org.ddlm.plugin.fiji;

import ij.WindowManager;
import java.io.File;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** The SciJava form of {@link ValidatePlugin}, with its macro keys as parameter names; a failure cancels the module. */
@Plugin(type = Command.class, label = ValidatePlugin.TITLE, headless = true)
public final class ValidateCommand extends ContextCommand {
    // persist = false throughout: SciJava would otherwise fill an input a script leaves out with the value of an
    // earlier run (an output folder, overwrite), not the default.
    @Parameter(persist = false, label = "Test", choices = {Inputs.CURRENT, Inputs.FOLDER})
    private String test = Inputs.FOLDER;

    @Parameter(persist = false, label = "Folder of the test series", style = "directory", required = false)
    private File folder;

    @Parameter(persist = false, label = "Reference (full-dose series folder)", style = "directory")
    private File reference;

    @Parameter(persist = false, label = "Input (low-dose series folder; optional)", style = "directory", required = false)
    private File input;

    @Parameter(persist = false, label = "Report folder (optional)", style = "directory", required = false)
    private File report;

    @Parameter(persist = false, label = "Windows (abdomen, wide, chest, full or W,L)")
    private String windows = ValidateOptions.DEFAULT_WINDOWS;

    @Override
    public void run() {
        ValidateOptions o = new ValidateOptions(Inputs.CURRENT.equals(test), path(folder), path(reference),
                path(input), path(report), windows);
        MenuRun.Outcome outcome = MenuRun.run(ValidatePlugin.TITLE,
                progress -> ValidateAction.run(o, WindowManager.getCurrentImage(), progress));
        if (outcome.failed()) {
            cancel(outcome.failure());
        }
    }

    private static java.nio.file.Path path(File f) {
        return f == null ? null : f.toPath();
    }
}
