package org.ddlm.plugin.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SourceSeries;
import org.ddlm.dicom.StackProblem;

/** One stack as the JSON object of {@code ddlm info --json}: what a pipeline needs to plan one job per series. */
final class StackJson {
    private StackJson() {
    }

    static JsonObject of(CtStack s) {
        CtSlice first = s.first();
        JsonObject o = new JsonObject();
        o.addProperty("folder", folder(s).toString());
        o.addProperty("stack", s.id());
        o.addProperty("patient_id", first.attribute("PatientID"));
        o.addProperty("study_uid", s.studyInstanceUid());
        o.addProperty("series_uid", s.seriesInstanceUid());
        o.addProperty("series_number", s.seriesNumber());
        o.addProperty("description", s.seriesDescription());
        o.addProperty("image_type", first.attribute("ImageType"));
        o.addProperty("slices", s.size());
        JsonArray matrix = new JsonArray();
        matrix.add(first.rows());
        matrix.add(first.cols());
        o.add("matrix", matrix);
        JsonArray spacing = new JsonArray();
        for (double v : first.pixelSpacing()) {
            spacing.add(v);
        }
        o.add("pixel_spacing_mm", spacing);
        o.addProperty("slice_step_mm", s.medianStep());
        JsonArray sources = new JsonArray();
        SourceSeries.of(first).forEach(sources::add);
        o.add("source_series", sources);
        JsonArray problems = new JsonArray();
        for (StackProblem p : s.problems()) {
            problems.add(p.text());
        }
        o.add("problems", problems);
        o.addProperty("processable", s.problems().stream().noneMatch(StackProblem::blocksProcessing));
        return o;
    }

    /** The deepest folder holding every slice of the stack. */
    static Path folder(CtStack s) {
        Path common = s.first().path().toAbsolutePath().normalize().getParent();
        for (CtSlice slice : s.slices()) {
            Path p = slice.path().toAbsolutePath().normalize();
            while (!p.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
