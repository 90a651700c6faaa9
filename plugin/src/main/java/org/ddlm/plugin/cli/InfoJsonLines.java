package org.ddlm.plugin.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.ScanResult;
import org.ddlm.dicom.SeriesScanner;

/**
 * {@code ddlm info --json DIR...}: JSON Lines for pipelines. Each DIR is scanned on its own so that one unreadable
 * series folder does not hide the others: it becomes an {@code error} object (and a line on stderr), and the exit
 * code is 1 once every DIR was listed.
 */
final class InfoJsonLines {
    private InfoJsonLines() {
    }

    static int print(List<Path> dirs, SeriesScanner scanner, PrintWriter out, PrintWriter err) {
        Gson gson = new Gson();
        int failed = 0;
        for (Path dir : dirs) {
            try {
                ScanResult result = scanner.scan(dir);
                result.skipped().forEach(s -> err.println("note: skipped " + s));
                for (CtStack s : result.requireStacks()) {
                    out.println(gson.toJson(StackJson.of(s)));
                }
            } catch (DicomReadException e) {
                failed++;
                String message = e.getMessage() + " [" + e.problem() + "]";
                JsonObject o = new JsonObject();
                o.addProperty("folder", dir.toAbsolutePath().normalize().toString());
                o.addProperty("error", message);
                o.addProperty("problem", e.problem().toString());
                out.println(gson.toJson(o));
                err.println("ddlm: error: " + message);
            }
            out.flush();
        }
        return failed == 0 ? 0 : Errors.INPUT_ERROR;
    }
}
