package org.ddlm.plugin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.ddlm.dicom.DicomWriteException;
import org.ddlm.dicom.OutputFolder;
import org.ddlm.core.AtomicFile;
import org.ddlm.plugin.workflow.UserException;

/**
 * {@code --json FILE}: a command's JSON also goes to a file, whole or not at all. Pipelines (Snakemake, make) take an
 * existing file as a finished job, so it is written to a hidden sibling and renamed into place as the last step.
 */
final class JsonFile {
    private JsonFile() {
    }

    /** Refuses, before any work, a FILE that is a folder or lies inside (or is) one of the inputs. */
    static void check(Path file, Collection<Path> inputs) throws UserException, DicomWriteException {
        if (Files.isDirectory(file)) {
            throw new UserException("--json " + file + " is a folder; name a file");
        }
        Path clash = OutputFolder.overlapping(file, inputs);
        if (clash != null) {
            throw new UserException("--json " + file + " lies inside " + clash
                    + " (symbolic links followed); nothing is written into an input");
        }
    }

    /** Removes an existing FILE before the work, so that a run that fails never leaves an older FILE behind. */
    static void clear(Path file) throws UserException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UserException("cannot replace --json " + file + ": " + e, e);
        }
    }

    /** Writes {@code json} plus a newline to {@code file} atomically, creating its folder. */
    static void write(Path file, String json) throws UserException {
        try {
            AtomicFile.writeString(file, json + "\n");
        } catch (IOException e) {
            throw new UserException("cannot write --json " + file + ": " + e, e);
        }
    }
}
