package org.ddlm.dicom;

import java.nio.file.Path;
import java.util.List;

/**
 * What a folder holds: the CT stacks found, the files skipped with their reason, and how many localizers were excluded.
 */
public record ScanResult(Path root, List<CtStack> stacks, List<Skipped> skipped, int localizersExcluded,
                         List<String> notes) {

    /** A file passed over while scanning, and why. */
    public record Skipped(Path path, String reason) {
        @Override
        public String toString() {
            return "skipped " + path + ": " + reason;
        }
    }

    /** The stacks, or an error listing what was found when there is none. */
    public List<CtStack> requireStacks() throws DicomReadException {
        if (stacks.isEmpty()) {
            String found = skipped.isEmpty() ? "no files" : skipped.size() + " skipped file(s), e.g. " + skipped.get(0);
            if (localizersExcluded > 0) {
                found += "; " + localizersExcluded + " localizer(s)";
            }
            throw new DicomReadException(root, Problem.NOT_CT, "no CT image stack found (" + found + ")",
                    "Point ddlm at a folder that holds a CT series");
        }
        return stacks;
    }
}
