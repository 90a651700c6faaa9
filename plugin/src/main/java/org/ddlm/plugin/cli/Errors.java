package org.ddlm.plugin.cli;

import org.ddlm.dicom.DicomFileException;
import org.ddlm.plugin.workflow.UserException;
import picocli.CommandLine;

/** Maps the library's checked exceptions to one line on stderr and exit code 1; anything else is a bug (exit 3). */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    static final int INPUT_ERROR = 1;
    static final int BUG = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof DicomFileException e) {
            cl.getErr().println("ddlm: error: " + e.getMessage() + " [" + e.problem() + "]");
            return INPUT_ERROR;
        }
        if (ex instanceof org.ddlm.diffusion.model.ModelException) {
            cl.getErr().println("ddlm: error: " + ex.getMessage());
            return INPUT_ERROR;
        }
        if (ex instanceof UserException) {
            cl.getErr().println("ddlm: error: " + ex.getMessage());
            return INPUT_ERROR;
        }
        cl.getErr().println("ddlm: internal error: " + ex);
        ex.printStackTrace(cl.getErr());
        return BUG;
    }
}
