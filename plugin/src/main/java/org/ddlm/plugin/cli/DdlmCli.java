package org.ddlm.plugin.cli;

import org.ddlm.dicom.DdlmVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ddlm} command line. Exit codes: 0 ok, 1 bad input or failure, 2 usage error, 3 bug. */
@Command(name = "ddlm", mixinStandardHelpOptions = true, versionProvider = DdlmCli.Version.class,
        description = "Low-dose CT denoising with diffusion models (DDLM): read, denoise, simulate and validate "
                + "CT series stored as DICOM.",
        footer = {"", DdlmCli.EXIT_CODES},
        subcommands = {InfoCommand.class, DenoiseCommand.class, CopyCommand.class, SimulateDoseCommand.class, ValidateCommand.class, NoiseVsCurrentCommand.class, NoiseCommand.class, TrainCommand.class, InfoModelCommand.class, BenchUNetCommand.class, CheckPriorCommand.class, BenchCommand.class, BenchTexturesCommand.class, CalibrateNoiseCommand.class, NpzCommand.class, GainChartCommand.class, CommandLine.HelpCommand.class})
public final class DdlmCli implements Runnable {
    /** The exit codes, in every command's --help (pipelines act on them). */
    static final String EXIT_CODES = "Exit codes: 0 success; 1 bad input (one line on stderr naming the file and "
            + "the problem, nothing written); 2 usage error; 3 internal error (a bug: please report it with the stack "
            + "trace).";

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
            if (sub.getCommandSpec().usageMessage().footer().length == 0) {
                sub.getCommandSpec().usageMessage().footer("", EXIT_CODES);
            }
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
