package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A ddlm subcommand that writes to the caller's streams: picocli injects the spec, through which the command reaches
 * the stdout and stderr its {@code CommandLine} was given (tests give their own), not {@code System.out}.
 */
abstract class Subcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    PrintWriter stderr() {
        return spec.commandLine().getErr();
    }

    /** The command line as typed after the launcher, recorded in reports and provenance. */
    String invocation() {
        return "ddlm " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
