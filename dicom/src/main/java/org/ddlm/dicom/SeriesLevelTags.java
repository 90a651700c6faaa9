package org.ddlm.dicom;

import java.util.Set;

/**
 * Attributes of the Patient, General Study, Patient Study, General Series, Frame of Reference and General Equipment
 * modules (PS3.3 C.7.1.1, C.7.2.1, C.7.2.2, C.7.3.1, C.7.4.1, C.7.5.1). A derived series writes the first slice's value
 * into every instance so that dcentvfy finds them consistent.
 */
final class SeriesLevelTags {
    private SeriesLevelTags() {
    }

    private static final Set<Integer> TAGS = Set.of(
            // General Study
            0x0020000D, 0x00080020, 0x00080030, 0x00080090, 0x00080096, 0x00200010, 0x00080050, 0x00080051, 0x00081030,
            0x00081048, 0x00081049, 0x00081060, 0x00081062, 0x00081032, 0x00081110, 0x00321033, 0x00321034,
            // Patient Study (the group 0010 part is covered by the group rule below)
            0x00081080, 0x00081084, 0x00380010, 0x00380014, 0x00380060, 0x00380062, 0x00380064, 0x00380500, 0x00400031,
            0x00400032, 0x00400033,
            // General Series (SeriesInstanceUID, SeriesNumber, SeriesDescription, SeriesDate/Time are set by the writer)
            0x00080060, 0x00200060, 0x00081050, 0x00081052, 0x00181030, 0x0008103F, 0x00081070, 0x00081072, 0x00081111,
            0x00081250, 0x00180015, 0x00185100, 0x00400275, 0x00400253, 0x00400244, 0x00400245, 0x00400250, 0x00400251,
            0x00400254, 0x00400260, 0x00400280, 0x00102210,
            // Frame of Reference
            0x00200052, 0x00201040,
            // General Equipment (PixelPaddingValue is handled with the pixels)
            0x00080070, 0x00080080, 0x00080081, 0x00081010, 0x00081040, 0x00081041, 0x00081090, 0x00181000, 0x00181002,
            0x00181020, 0x00181008, 0x00181050, 0x00181200, 0x00181201);

    static boolean isSeriesLevel(int tag) {
        int group = tag >>> 16;
        // Patient and Patient Study live in group 0010; clinical trial and de-identification in 0012.
        return group == 0x0010 || group == 0x0012 || TAGS.contains(tag);
    }
}
