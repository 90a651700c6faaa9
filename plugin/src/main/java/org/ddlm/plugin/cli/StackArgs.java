package org.ddlm.plugin.cli;

import java.nio.file.Path;
import java.util.List;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DerivedSeriesWriter;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.DicomWriteException;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.workflow.UserException;

/** Reads the one CT stack a command argument names; several stacks in one folder must be told apart. */
final class StackArgs {
    private StackArgs() {
    }

    /**
     * The stacks of IN for a command that writes OUT, validated before anything is written (dicom.md 6): OUT is a
     * safe target, every stack is processable and every slice decodes once. Slices are decoded again while writing,
     * so memory stays at one slice however long the series.
     */
    static List<CtStack> validatedForWriting(Path in, Path out, boolean overwrite, boolean force)
            throws DicomReadException, DicomWriteException {
        DerivedSeriesWriter.checkOutput(out, List.of(in), overwrite);
        List<CtStack> stacks = new SeriesScanner(force).scan(in).requireStacks();
        for (CtStack s : stacks) {
            s.requireProcessable();
            for (CtSlice slice : s.slices()) {
                slice.loadHu();
            }
        }
        return stacks;
    }

    static CtStack single(Path dir, boolean force, String role) throws DicomReadException, UserException {
        List<CtStack> stacks = new SeriesScanner(force).scan(dir).requireStacks();
        if (stacks.size() > 1) {
            StringBuilder sb = new StringBuilder(role + " " + dir + " holds " + stacks.size()
                    + " stacks; point at a folder with one series:");
            for (CtStack s : stacks) {
                sb.append(' ').append(s.first().path().getParent()).append(" (").append(s.id()).append(')');
            }
            throw new UserException(sb.toString());
        }
        CtStack stack = stacks.get(0);
        stack.requireProcessable();
        return stack;
    }
}
