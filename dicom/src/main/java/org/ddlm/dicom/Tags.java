package org.ddlm.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;

/** Tag formatting and dictionary look-ups (PixelMed's standard dictionary). */
final class Tags {
    static final int PIXEL_DATA = 0x7FE00010;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    /** Tags PixelMed's TagFromName (2022) lacks. */
    static final com.pixelmed.dicom.AttributeTag MODALITY_LUT_SEQUENCE = new AttributeTag(0x0028, 0x3000);
    static final com.pixelmed.dicom.AttributeTag VOI_LUT_SEQUENCE = new AttributeTag(0x0028, 0x3010);
    static final com.pixelmed.dicom.AttributeTag GANTRY_DETECTOR_TILT = new AttributeTag(0x0018, 0x1120);
    static final com.pixelmed.dicom.AttributeTag CONTRIBUTION_DATE_TIME = new AttributeTag(0x0018, 0xA002);

    private Tags() {
    }

    static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    static String keyword(int tag) {
        try {
            String name = DicomDictionary.StandardDictionary.getNameFromTag(new AttributeTag(tag >>> 16, tag & 0xFFFF));
            return name == null ? "" : name;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The dictionary VR as two ASCII letters, or null when the tag is unknown (private, retired, odd group). */
    static String dictionaryVr(int tag) {
        byte[] vr = DicomDictionary.StandardDictionary.getValueRepresentationFromTag(
                new AttributeTag(tag >>> 16, tag & 0xFFFF));
        return vr == null || vr.length != 2 ? null : new String(vr, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static int of(AttributeTag t) {
        return (t.getGroup() << 16) | t.getElement();
    }
}
