package org.ddlm.validation.report;

import java.io.IOException;
import java.util.List;

/**
 * The paired slices of a report, in pairing order. The writer reads every slice once to measure it, then the
 * montage slices again, so an implementation may read DICOM lazily instead of holding a whole series in memory.
 */
public interface SliceSource {

    int size();

    SlicePair get(int position) throws IOException;

    static SliceSource of(List<SlicePair> pairs) {
        List<SlicePair> copy = List.copyOf(pairs);
        return new SliceSource() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public SlicePair get(int position) {
                return copy.get(position);
            }
        };
    }
}
