package org.ddlm.plugin.cli;

import org.ddlm.dicom.DdlmVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ddlm} command line. Exit codes: 0 ok, 1 bad input or failure, 2 usage error. */
@Command(name = "ddlm", mixinStandardHelpOptions = true, versionProvider = DdlmCli.Version.class,
        description = "Low-dose CT denoising with diffusion models (DDLM): read, denoise, simulate and validate "
                + "CT series stored as DICOM.",
        subcommands = {InfoCommand.class, DenoiseCommand.class, CopyCommand.class, SimulateDoseCommand.class, ValidateCommand.class, NoiseVsCurrentCommand.class, TrainCommand.class, InfoModelCommand.class, BenchUNetCommand.class, CheckPriorCommand.class, BenchCommand.class, BenchTexturesCommand.class, CalibrateNoiseCommand.class, NpzCommand.class, CommandLine.HelpCommand.class})
public final class DdlmCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code (tests call this in-process). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new DdlmCli());
        cl.setExecutionExceptionHandler(new Errors());
        // Every command answers --help (and -h) with its usage, even when its required parameters are missing.
        addHelpOptions(cl);
        return cl.execute(args);
    }

    private static void addHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            addHelpOptions(sub); // nested commands too (ddlm npz import-weights --help)
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ddlm " + DdlmVersion.VERSION};
        }
    }
}
