package org.ddlm.dicom;

import java.util.Set;

/** The VRs with a 4-byte length field in Explicit VR (PS3.5 7.1.2), written out here rather than taken from main. */
final class FramingCheckTestVrs {
    static final Set<String> LONG = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT",
            "UV");

    private FramingCheckTestVrs() {
    }
}
