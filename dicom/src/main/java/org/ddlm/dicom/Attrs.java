package org.ddlm.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import java.nio.file.Path;

/** Lenient value access on a PixelMed list (dicom.md section 2 rule 6): trims, allows exponents, names what is wrong. */
final class Attrs {
    private Attrs() {
    }

    static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    static String[] strings(AttributeList list, AttributeTag tag) {
        Attribute a = list.get(tag);
        if (a == null) {
            return new String[0];
        }
        try {
            String[] v = a.getStringValues();
            return v == null ? new String[0] : v;
        } catch (DicomException e) {
            return new String[0];
        }
    }

    static boolean present(AttributeList list, AttributeTag tag) {
        Attribute a = list.get(tag);
        return a != null && a.getVL() > 0;
    }

    /** All numeric values of a DS/IS/US/SS attribute; empty when absent. */
    static double[] numbers(Path path, AttributeList list, AttributeTag tag) throws DicomReadException {
        Attribute a = list.get(tag);
        if (a == null || a.getVL() == 0) {
            return new double[0];
        }
        String vr = new String(a.getVR(), java.nio.charset.StandardCharsets.US_ASCII);
        try {
            if (vr.equals("US") || vr.equals("SS") || vr.equals("UL") || vr.equals("SL")) {
                int[] ints = a.getIntegerValues();
                double[] out = new double[ints.length];
                for (int i = 0; i < ints.length; i++) {
                    out[i] = vr.equals("US") ? ints[i] & 0xFFFF : ints[i];
                }
                return out;
            }
            if (vr.equals("FL") || vr.equals("FD")) {
                // Binary floats may hold NaN or infinity, which no geometry or rescale may be built on.
                double[] values = a.getDoubleValues();
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        throw badValue(path, tag, "value " + v + " is not finite");
                    }
                }
                return values;
            }
            String[] s = a.getStringValues();
            double[] out = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = parse(path, tag, s[i]);
            }
            return out;
        } catch (DicomException e) {
            throw badValue(path, tag, "cannot be read as numbers (" + e.getMessage() + ")");
        }
    }

    static double number(Path path, AttributeList list, AttributeTag tag, double fallback) throws DicomReadException {
        double[] v = numbers(path, list, tag);
        return v.length == 0 ? fallback : v[0];
    }

    static double[] required(Path path, AttributeList list, AttributeTag tag, int count) throws DicomReadException {
        double[] v = numbers(path, list, tag);
        if (v.length == 0) {
            throw new DicomReadException(path, Problem.MISSING_ATTRIBUTE, "required attribute is missing",
                    Tags.of(tag), -1, "ddlm needs it to place the slice");
        }
        if (v.length < count) {
            throw badValue(path, tag, "has " + v.length + " values, needs " + count);
        }
        return v;
    }

    private static double parse(Path path, AttributeTag tag, String s) throws DicomReadException {
        String t = s.trim();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) {
                throw badValue(path, tag, "value '" + s + "' is not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw badValue(path, tag, "value '" + s + "' is not a number");
        }
    }

    /** A value's text form without PixelMed's byte offsets of items, for comparing attributes across files. */
    static String canonical(Attribute a) {
        return a.toString().replaceAll("\\[starts at 0x[0-9a-fA-F]+\\]", "");
    }

    static DicomReadException badValue(Path path, AttributeTag tag, String what) {
        return new DicomReadException(path, Problem.BAD_VALUE, what, Tags.of(tag), -1, "Fix the header value");
    }
}
