package org.ddlm.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.List;

/**
 * The series a derived image names as its source in ReferencedSeriesSequence: e.g. the full-dose scan that a simulated
 * low dose was made from. Pipelines use it to find a dose pair's reference without a manifest.
 */
public final class SourceSeries {
    private SourceSeries() {
    }

    /** SeriesInstanceUIDs of the ReferencedSeriesSequence items of {@code slice}, in order; empty when absent. */
    public static List<String> of(CtSlice slice) {
        List<String> uids = new ArrayList<>();
        Attribute a = slice.header().get(TagFromName.ReferencedSeriesSequence);
        if (a instanceof SequenceAttribute seq) {
            for (int i = 0; i < seq.getNumberOfItems(); i++) {
                AttributeList item = seq.getItem(i).getAttributeList();
                String uid = Attrs.string(item, TagFromName.SeriesInstanceUID);
                if (!uid.isEmpty()) {
                    uids.add(uid);
                }
            }
        }
        return uids;
    }
}
