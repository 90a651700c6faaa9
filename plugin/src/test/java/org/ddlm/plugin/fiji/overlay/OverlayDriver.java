package org.ddlm.plugin.fiji.overlay;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.imagej.patcher.LegacyInjector;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The driver of {@code FijiCommandsIT}, started as a single-file source program ({@code java -cp <Fiji.app jars>
 * OverlayDriver.java ...}) so that the child JVM's class path is only the overlay and the Fiji base: it names the
 * plugin's commands by class name, as a script in Fiji would, and uses only ImageJ, ij1-patcher and SciJava.
 * <ul>
 * <li>{@code macro FILE ARG}: runs an ImageJ macro headless, as {@code fiji --headless -macro} does; exit 0 when it
 * ran to its end, 2 when it stopped on an error (a macro error or a command's abort).</li>
 * <li>{@code commands WORK}: runs the four SciJava commands through {@code CommandService} on the inputs under WORK,
 * saves their outputs under WORK/commands and prints each module's state.</li>
 * </ul>
 */
public final class OverlayDriver {
    private static final String PKG = "org.ddlm.plugin.fiji.";

    private OverlayDriver() {
    }

    public static void main(String[] args) throws Exception {
        // As Fiji does before any ImageJ 1 class loads: the headless GenericDialog and Fiji's extensions. The system
        // class loader holds ImageJ here (this class lives in the source launcher's own loader).
        ClassLoader system = ClassLoader.getSystemClassLoader();
        Thread.currentThread().setContextClassLoader(system);
        LegacyInjector.preinit(system);
        int code = "macro".equals(args[0]) ? macro(args[1], args.length > 2 ? args[2] : "") : commands(Path.of(args[1]));
        System.out.flush();
        System.exit(code);
    }

    private static int macro(String file, String arg) throws Exception {
        Interpreter interp = new Interpreter();
        try {
            interp.run(Files.readString(Path.of(file)), arg);
        } catch (RuntimeException e) {
            // Interpreter.abort() (our commands' errors) ends the macro by throwing, as in Macro_Runner.
            System.out.println("macro aborted: " + e.getMessage());
            return 2;
        }
        if (interp.wasError()) {
            System.out.println("macro error: " + interp.getErrorMessage());
            return 2;
        }
        System.out.println("macro ran to its end");
        return 0;
    }

    private static int commands(Path work) throws Exception {
        Path out = Files.createDirectories(work.resolve("commands"));
        Context context = new Context();
        try {
            CommandService commands = context.getService(CommandService.class);

            CommandModule sim = run(commands, "SimulateLowDoseCommand", "input", "folder", "folder",
                    work.resolve("one-full").toFile(), "dose", 0.25, "n0", 2.5e5, "electronic", 10.0, "seed", 1L,
                    "geometry", "fan", "filter", "hann", "output", out.resolve("simulated").toFile(), "show", false);
            save(sim, out.resolve("simulated.tif"));

            CommandModule val = run(commands, "ValidateCommand", "test", "folder", "folder",
                    out.resolve("simulated").toFile(), "reference", work.resolve("one-full").toFile(), "windows",
                    "abdomen wide");
            if (!val.isCanceled()) {
                ResultsTable.getResultsTable().save(out.resolve("validate.csv").toString());
            }

            CommandModule den = run(commands, "DenoiseCommand", "input", "folder", "folder",
                    work.resolve("low-two").toFile(), "model", "default", "sampler", "dpm2m", "steps", 2,
                    "conditioning", "blend", "zeta", 0.1, "time", 2.0, "flips", "2", "seed", 7L, "batch", 4,
                    "noise", 20.0, "device", "cpu", "output", out.resolve("denoised").toFile(), "show", false);
            save(den, out.resolve("denoised.tif"));

            // validation is named (null): SciJava would otherwise ask for the one folder left out.
            run(commands, "TrainPriorCommand", "data", work.resolve("one-full").toFile(), "validation", null, "model",
                    out.resolve("prior").toFile(), "steps", 2L, "batch", 2, "patch", 32, "learning", 1e-4, "seed", 1L,
                    "device", "cpu");

            // A script must see a failure: the module is cancelled with the reason, and there is no image.
            run(commands, "DenoiseCommand", "input", "folder", "folder", work.resolve("no-such-series").toFile(),
                    "device", "cpu", "show", false);
        } finally {
            context.dispose();
        }
        System.out.println("commands finished");
        return 0;
    }

    private static CommandModule run(CommandService commands, String name, Object... keyValues) throws Exception {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            inputs.put((String) keyValues[i], keyValues[i + 1]);
        }
        CommandModule m = commands.run(PKG + name, true, inputs).get();
        Object result = m.getOutputs().get("result");
        System.out.println("command " + name + ": canceled=" + m.isCanceled() + " reason=" + m.getCancelReason()
                + " result=" + (result instanceof ImagePlus imp ? imp.getStackSize() + " slices" : result));
        return m;
    }

    private static void save(CommandModule m, Path tif) {
        if (m.getOutputs().get("result") instanceof ImagePlus imp) {
            IJ.saveAsTiff(imp, tif.toString());
        }
    }
}
