package org.ddlm.dicom;

import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a slice belongs to: PatientID and StudyInstanceUID. A SeriesInstanceUID that is shared by slices of several
 * patients or studies (copied UIDs, bad anonymisation) is split by study so that no output series mixes them; a study
 * that names two patients cannot be split safely and blocks processing.
 */
final class SeriesIdentity {
    private SeriesIdentity() {
    }

    /** The grouping key: slices with different keys never share a stack. */
    static String key(CtSlice s) {
        return patientId(s) + "\\" + studyUid(s);
    }

    /** Problems of one series: empty when all its slices share one patient and one study. */
    static List<StackProblem> problems(String seriesUid, List<CtSlice> slices) {
        Map<String, Integer> files = new LinkedHashMap<>();
        Map<String, Set<String>> patientsByStudy = new LinkedHashMap<>();
        for (CtSlice s : slices) {
            files.merge("PatientID '" + patientId(s) + "', study " + studyUid(s), 1, Integer::sum);
            patientsByStudy.computeIfAbsent(studyUid(s), k -> new LinkedHashSet<>()).add(patientId(s));
        }
        List<StackProblem> out = new ArrayList<>();
        if (files.size() < 2) {
            return out;
        }
        StringBuilder counts = new StringBuilder();
        files.forEach((who, n) -> counts.append(counts.length() == 0 ? "" : "; ").append(who).append(": ").append(n)
                .append(n == 1 ? " file" : " files"));
        boolean conflict = patientsByStudy.values().stream().anyMatch(p -> p.size() > 1);
        if (conflict) {
            out.add(new StackProblem(StackProblem.Kind.PATIENT_CONFLICT, "series " + seriesUid + " holds one study "
                    + "under several PatientIDs (" + counts + "); refused: fix the PatientID or separate the files"));
        } else {
            out.add(new StackProblem(StackProblem.Kind.MIXED_PATIENT_OR_STUDY, "series " + seriesUid + " is shared "
                    + "by " + files.size() + " patients/studies (" + counts + "); split into one stack per study"));
        }
        return out;
    }

    private static String patientId(CtSlice s) {
        return Attrs.string(s.header(), TagFromName.PatientID);
    }

    private static String studyUid(CtSlice s) {
        return Attrs.string(s.header(), TagFromName.StudyInstanceUID);
    }
}
