package org.ddlm.dicom;

import java.util.LinkedHashMap;
import java.util.Map;

/** The transfer syntaxes ddlm knows (dicom.md section 1): which it reads, and how to convert the ones it refuses. */
final class TransferSyntaxes {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String RLE = "1.2.840.10008.1.2.5";

    /** How we handle one syntax; {@code convertHint} is null for those we read. */
    record Syntax(String uid, String name, String convertHint) {
        boolean readable() {
            return convertHint == null;
        }
    }

    private static final String JPEG_HINT = "Convert it first: dcmdjpeg IN OUT (DCMTK) or gdcmconv --raw IN OUT (GDCM)";
    private static final String JPEG_LS_HINT = "Convert it first: dcmdjpls IN OUT (DCMTK) or gdcmconv --raw IN OUT (GDCM)";
    private static final String J2K_HINT = "Convert it first: gdcmconv --raw IN OUT";
    private static final String OTHER_HINT = "Convert it to Explicit VR Little Endian with a tool that supports it";

    private static final Map<String, Syntax> KNOWN = new LinkedHashMap<>();

    static {
        add(IMPLICIT_LE, "Implicit VR Little Endian", null);
        add(EXPLICIT_LE, "Explicit VR Little Endian", null);
        add(DEFLATED_LE, "Deflated Explicit VR Little Endian", null);
        add(EXPLICIT_BE, "Explicit VR Big Endian", null);
        add(RLE, "RLE Lossless", null);
        add("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", JPEG_HINT);
        add("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", JPEG_HINT);
        for (int i = 52; i <= 66; i++) {
            if (i != 57) {
                add("1.2.840.10008.1.2.4." + i, "JPEG (retired process, " + i + ")", JPEG_HINT);
            }
        }
        add("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", JPEG_HINT);
        add("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)",
                JPEG_HINT);
        add("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", JPEG_LS_HINT);
        add("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", JPEG_LS_HINT);
        add("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", J2K_HINT);
        add("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", J2K_HINT);
        add("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)", J2K_HINT);
        add("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", J2K_HINT);
        add("1.2.840.10008.1.2.4.94", "JPIP Referenced", OTHER_HINT);
        add("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", OTHER_HINT);
        for (int i = 100; i <= 108; i++) {
            add("1.2.840.10008.1.2.4." + i, "MPEG/HEVC video (" + i + ")", OTHER_HINT);
        }
        add("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", OTHER_HINT);
        add("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", OTHER_HINT);
        add("1.2.840.10008.1.2.4.112", "JPEG XL", OTHER_HINT);
        add("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)", OTHER_HINT);
        add("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL (Lossless Only)", OTHER_HINT);
        add("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", OTHER_HINT);
        add("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", OTHER_HINT);
        add("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", OTHER_HINT);
    }

    private TransferSyntaxes() {
    }

    private static void add(String uid, String name, String hint) {
        KNOWN.put(uid, new Syntax(uid, name, hint));
    }

    static Syntax lookup(String uid) {
        Syntax s = KNOWN.get(uid);
        return s != null ? s : new Syntax(uid, "unknown transfer syntax", OTHER_HINT);
    }

    static String nameOf(String uid) {
        return lookup(uid).name();
    }
}
