package org.ddlm.plugin.fiji;

import ij.IJ;
import ij.macro.Interpreter;
import java.util.concurrent.CancellationException;
import org.ddlm.dicom.DicomFileException;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.report.ReportException;

/**
 * Shows what went wrong the ImageJ way: a dialog in the GUI, the log when headless (ImageJ decides). A failure
 * inside a macro also aborts the macro, so a batch run does not carry on with a missing result.
 */
final class FijiErrors {
    static final String CANCELLED = "cancelled, nothing written";

    private FijiErrors() {
    }

    /** Reports the failure and returns its one-line reason (for a SciJava command's cancel reason). */
    static String report(String command, Exception e) {
        if (e instanceof CancellationException) {
            IJ.showStatus(command + ": " + CANCELLED);
            IJ.log(command + ": " + CANCELLED);
            return CANCELLED;
        }
        String text;
        if (e instanceof DicomFileException d) {
            text = d.getMessage() + " [" + d.problem() + "]";
        } else if (e instanceof UserException || e instanceof ModelException || e instanceof ReportException
                || e instanceof MetricException) {
            text = e.getMessage();
        } else {
            // Anything else is a bug: keep the stack trace for the report.
            IJ.handleException(e);
            text = "internal error: " + e;
        }
        IJ.error(command, text);
        if (Interpreter.getInstance() != null) {
            Interpreter.abort();
        }
        return text;
    }
}
