package org.ddlm.plugin.cli;

import picocli.CommandLine.Option;

/** --force, shared by the commands that read series as they are: images without CT units are read too. */
final class ForceOption {
    @Option(names = "--force", description = "accept non-CT images (units unknown)")
    boolean force;
}
