package org.ddlm.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks the element framing of a whole file (tag, VR, length; sequences and items) before PixelMed parses it.
 *
 * <p>PixelMed logs and carries on where a declared length runs past the end of the file, and would allocate a declared
 * length before reading it. This walk enforces dicom.md section 2: every defined length fits its container, undefined
 * lengths only where the standard allows them, delimiters match, nesting is bounded, every step consumes bytes. It reads
 * values of nothing but the File Meta transfer syntax, so it is a bounds check, not a second parser: it runs in time
 * linear in the file size and allocates nothing proportional to a declared length.
 */
final class FramingCheck {
    private static final int MAX_DEPTH = 16;
    private static final long INFLATE_HARD_CAP = 2L * 1024 * 1024 * 1024 - 64;
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR",
            "UT", "UV");
    private static final Set<String> ALL_VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO",
            "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL",
            "UN", "UR", "US", "UT", "UV");
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final long MAX_VERY_LONG_BYTES = 64 * 1024;

    private final Path path;
    private byte[] buf;
    private boolean explicit;
    private boolean bigEndian;
    private long pixelOffset = -1;
    private long pixelLength = -1;
    private final List<long[]> fragments = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean outOfOrderNoted;

    private FramingCheck(Path path, byte[] file) {
        this.path = path;
        this.buf = file;
    }

    static Framing check(Path path, byte[] file) throws DicomReadException {
        return new FramingCheck(path, file).run();
    }

    private Framing run() throws DicomReadException {
        boolean part10 = buf.length >= 132 && buf[128] == 'D' && buf[129] == 'I' && buf[130] == 'C' && buf[131] == 'M';
        int p;
        String ts;
        if (part10) {
            MetaResult meta = walkMeta(132);
            if (meta.transferSyntax == null) {
                throw new DicomReadException(path, Problem.MISSING_ATTRIBUTE, "File Meta Information has no transfer syntax",
                        0x00020010, meta.end, "The file is damaged; rewrite it with dcmconv +te IN OUT");
            }
            ts = meta.transferSyntax;
            p = meta.end;
        } else {
            if (!plausibleRawStart()) {
                throw notDicom();
            }
            int group = u16le(0);
            explicit = isVr(4);
            if (group == 0x0002) {
                MetaResult meta = walkMeta(0);
                ts = meta.transferSyntax != null ? meta.transferSyntax
                        : explicit ? TransferSyntaxes.EXPLICIT_LE : TransferSyntaxes.IMPLICIT_LE;
                p = meta.end;
            } else {
                ts = explicit ? TransferSyntaxes.EXPLICIT_LE : TransferSyntaxes.IMPLICIT_LE;
                p = 0;
            }
            notes.add("no Part 10 header");
        }
        TransferSyntaxes.Syntax syntax = TransferSyntaxes.lookup(ts);
        if (!syntax.readable()) {
            throw new DicomReadException(path, Problem.UNSUPPORTED_TRANSFER_SYNTAX, "pixel data is " + syntax.name()
                    + " (" + ts + "); ddlm does not decode it", syntax.convertHint());
        }
        explicit = !ts.equals(TransferSyntaxes.IMPLICIT_LE);
        bigEndian = ts.equals(TransferSyntaxes.EXPLICIT_BE);
        if (ts.equals(TransferSyntaxes.DEFLATED_LE)) {
            buf = inflate(p);
            p = 0;
        }
        walkDataset(p, buf.length, false, 0, true);
        return new Framing(part10, ts, pixelOffset, pixelOffset < 0 ? -1 : pixelLength, List.copyOf(fragments), buf,
                List.copyOf(notes));
    }

    private DicomReadException notDicom() {
        return new DicomReadException(path, Problem.NOT_DICOM, "not a DICOM file (no DICM at byte 128 and no plausible"
                + " data set at the start)", "Remove it from the folder or convert it to DICOM");
    }

    /** dicom.md 1: a raw data set must start with a plausible (0002,xxxx) or (0008,xxxx) tag. */
    private boolean plausibleRawStart() {
        if (buf.length < 16) {
            return false;
        }
        int group = u16le(0);
        int element = u16le(2);
        return (group == 0x0002 || group == 0x0008) && element <= 0x1FFF;
    }

    private boolean isVr(int at) {
        if (at + 2 > buf.length) {
            return false;
        }
        return ALL_VRS.contains(new String(buf, at, 2, StandardCharsets.US_ASCII));
    }

    private record MetaResult(String transferSyntax, int end) {
    }

    /** The meta group is always Explicit VR Little Endian; walk elements while the group is 0002. */
    private MetaResult walkMeta(int start) throws DicomReadException {
        int p = start;
        String ts = null;
        boolean sawAny = false;
        while (p + 8 <= buf.length && u16le(p) == 0x0002) {
            int tag = (u16le(p) << 16) | u16le(p + 2);
            if (!isVr(p + 4)) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "File Meta Information element has an invalid"
                        + " value representation", tag, p, "The file is damaged");
            }
            String vr = new String(buf, p + 4, 2, StandardCharsets.US_ASCII);
            long len;
            int header;
            if (LONG_VRS.contains(vr)) {
                if (p + 12 > buf.length) {
                    throw truncated(tag, p);
                }
                len = u32le(p + 8);
                header = 12;
            } else {
                len = u16le(p + 6);
                header = 8;
            }
            if (len == UNDEFINED || p + header + len > buf.length) {
                throw new DicomReadException(path, Problem.LENGTH_BEYOND_END, "File Meta Information element length "
                        + "runs past the end of the file", tag, p, "The file is truncated or damaged");
            }
            if (tag == 0x00020010) {
                ts = new String(buf, p + header, (int) len, StandardCharsets.US_ASCII).replace("\0", "").trim();
            }
            p += header + (int) len;
            sawAny = true;
        }
        if (!sawAny) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "DICM prefix without File Meta Information", -1,
                    start, "The file is damaged; rewrite it with dcmconv +te IN OUT");
        }
        return new MetaResult(ts, p);
    }

    /**
     * Walks elements in [p, end). When {@code untilItemDelimiter}, stops after an Item Delimitation item (undefined-length
     * item); reaching {@code end} first is a truncation.
     */
    private long walkDataset(long p, long end, boolean untilItemDelimiter, int depth, boolean topLevel)
            throws DicomReadException {
        if (depth > MAX_DEPTH) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "sequences nested deeper than " + MAX_DEPTH, -1, p,
                    "The file is damaged");
        }
        int lastTag = -1;
        while (p < end) {
            if (p + 8 > end) {
                if (topLevel && allZero(p, end)) {
                    return end; // trailing zero padding shorter than a header
                }
                throw truncated(-1, p);
            }
            int tag = readTag(p);
            if (tag == Tags.ITEM_DELIMITATION) {
                if (!untilItemDelimiter) {
                    throw new DicomReadException(path, Problem.BAD_STRUCTURE, "item delimiter outside an item", tag, p,
                            "The file is damaged");
                }
                return p + 8;
            }
            if ((tag >>> 16) == 0xFFFE) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "item tag outside a sequence", tag, p,
                        "The file is damaged");
            }
            if (Integer.compareUnsigned(tag, lastTag) < 0 && lastTag != -1 && !outOfOrderNoted) {
                notes.add("tags out of ascending order at " + Tags.format(tag));
                outOfOrderNoted = true;
            }
            lastTag = tag;
            String vr;
            long len;
            long valueStart;
            if (explicit) {
                int vrAt = (int) p + 4;
                if (!isVr(vrAt)) {
                    throw new DicomReadException(path, Problem.BAD_STRUCTURE, "invalid value representation", tag, p,
                            "The file is damaged");
                }
                vr = new String(buf, vrAt, 2, StandardCharsets.US_ASCII);
                if (LONG_VRS.contains(vr)) {
                    if (p + 12 > end) {
                        throw truncated(tag, p);
                    }
                    len = u32((int) p + 8);
                    valueStart = p + 12;
                } else {
                    len = u16((int) p + 6);
                    valueStart = p + 8;
                }
            } else {
                vr = Tags.dictionaryVr(tag);
                len = u32((int) p + 4);
                valueStart = p + 8;
            }
            if (len == UNDEFINED) {
                p = walkUndefined(tag, vr, valueStart, end, depth);
                continue;
            }
            if (valueStart + len > end) {
                if (tag == Tags.PIXEL_DATA) {
                    throw new DicomReadException(path, Problem.TRUNCATED, "unexpected end of file: Pixel Data declares "
                            + len + " bytes but only " + (end - valueStart) + " remain", tag, p,
                            "The file is truncated; copy it again from the source");
                }
                throw new DicomReadException(path, Problem.LENGTH_BEYOND_END, "element length " + len
                        + " runs past the end of its container (" + (end - valueStart) + " bytes remain, end of file"
                        + (topLevel ? ")" : " or of the enclosing item)"), tag, p, "The file is truncated or damaged");
            }
            if (("SV".equals(vr) || "UV".equals(vr)) && len > MAX_VERY_LONG_BYTES) {
                // PixelMed reads SV/UV value by value into a growing array: 512 KB took 3 s (quadratic). No CT
                // attribute holds more than a few 64-bit values, so a long one means damage (e.g. Pixel Data's VR).
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "64-bit integer (" + vr + ") element of "
                        + len + " bytes", tag, p, "The file is damaged");
            }
            if ("SQ".equals(vr)) {
                walkItems(valueStart, valueStart + len, false, depth);
            }
            if (tag == Tags.PIXEL_DATA && topLevel) {
                pixelOffset = valueStart;
                pixelLength = len;
            }
            p = valueStart + len;
        }
        if (untilItemDelimiter) {
            throw truncated(-1, p);
        }
        return p;
    }

    private long walkUndefined(int tag, String vr, long valueStart, long end, int depth) throws DicomReadException {
        if (tag == Tags.PIXEL_DATA && depth == 0) {
            pixelOffset = valueStart;
            pixelLength = -1;
            return walkFragments(valueStart, end);
        }
        if ("SQ".equals(vr) || vr == null) {
            return walkItems(valueStart, end, true, depth);
        }
        if ("UN".equals(vr)) {
            // An undefined-length UN is a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2).
            boolean wasExplicit = explicit;
            boolean wasBig = bigEndian;
            explicit = false;
            bigEndian = false;
            try {
                return walkItems(valueStart, end, true, depth);
            } finally {
                explicit = wasExplicit;
                bigEndian = wasBig;
            }
        }
        throw new DicomReadException(path, Problem.BAD_STRUCTURE, "undefined length on a " + vr + " element", tag,
                valueStart - 8, "Only sequences, items and encapsulated Pixel Data may have undefined length");
    }

    /** Items of a sequence in [p, end); with {@code undefined}, ends at the Sequence Delimitation item. */
    private long walkItems(long p, long end, boolean undefined, int depth) throws DicomReadException {
        while (p < end) {
            if (p + 8 > end) {
                throw truncated(-1, p);
            }
            int tag = readTag(p);
            long len = u32((int) p + 4);
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                if (!undefined) {
                    throw new DicomReadException(path, Problem.BAD_STRUCTURE, "sequence delimiter in a defined-length"
                            + " sequence", tag, p, "The file is damaged");
                }
                return p + 8;
            }
            if (tag != Tags.ITEM) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "expected an item in a sequence", tag, p,
                        "The file is damaged");
            }
            if (len == UNDEFINED) {
                p = walkDataset(p + 8, end, true, depth + 1, false);
            } else {
                if (p + 8 + len > end) {
                    throw new DicomReadException(path, Problem.LENGTH_BEYOND_END, "item length " + len
                            + " runs past the end of its sequence or the file", tag, p, "The file is truncated or damaged");
                }
                walkDataset(p + 8, p + 8 + len, false, depth + 1, false);
                p = p + 8 + len;
            }
        }
        if (undefined) {
            throw truncated(-1, p);
        }
        return p;
    }

    /** Encapsulated Pixel Data: offset table item, fragment items, then the sequence delimiter. */
    private long walkFragments(long p, long end) throws DicomReadException {
        boolean first = true;
        while (p + 8 <= end) {
            int tag = readTag(p);
            long len = u32((int) p + 4);
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                return p + 8;
            }
            if (tag != Tags.ITEM || len == UNDEFINED) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "malformed encapsulated Pixel Data item", tag, p,
                        "The file is damaged");
            }
            if (p + 8 + len > end) {
                throw new DicomReadException(path, Problem.TRUNCATED, "unexpected end of file inside encapsulated Pixel"
                        + " Data", Tags.PIXEL_DATA, p, "The file is truncated; copy it again from the source");
            }
            if (!first) {
                fragments.add(new long[] {p + 8, len});
            }
            first = false;
            p += 8 + len;
        }
        throw new DicomReadException(path, Problem.TRUNCATED, "unexpected end of file inside encapsulated Pixel Data",
                Tags.PIXEL_DATA, p, "The file is truncated; copy it again from the source");
    }

    private byte[] inflate(int start) throws DicomReadException {
        long compressed = buf.length - (long) start;
        long cap = Math.min(INFLATE_HARD_CAP, Math.max(1024, compressed * 200));
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(buf, start, (int) compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, compressed * 4));
            byte[] chunk = new byte[65536];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DicomReadException(path, Problem.TRUNCATED, "deflated data set ends early", -1, start,
                            "The file is truncated; copy it again from the source");
                }
                if (out.size() + (long) n > cap) {
                    throw new DicomReadException(path, Problem.BAD_STRUCTURE, "deflated data set inflates beyond " + cap
                            + " bytes", -1, start, "The file is damaged or hostile");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "deflated data set is corrupt (" + e.getMessage()
                    + ")", -1, start, "The file is damaged; copy it again from the source");
        } finally {
            inflater.end();
        }
    }

    private DicomReadException truncated(int tag, long p) {
        return new DicomReadException(path, Problem.TRUNCATED, "unexpected end of file", tag, p,
                "The file is truncated; copy it again from the source");
    }

    private boolean allZero(long from, long to) {
        for (long i = from; i < to; i++) {
            if (buf[(int) i] != 0) {
                return false;
            }
        }
        return true;
    }

    private int readTag(long p) {
        return (u16((int) p) << 16) | u16((int) p + 2);
    }

    private int u16(int at) {
        return bigEndian ? ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF) : u16le(at);
    }

    private long u32(int at) {
        if (bigEndian) {
            return ((long) (buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
                    | (buf[at + 3] & 0xFF);
        }
        return u32le(at);
    }

    private int u16le(int at) {
        return (buf[at] & 0xFF) | ((buf[at + 1] & 0xFF) << 8);
    }

    private long u32le(int at) {
        return (buf[at] & 0xFFL) | ((buf[at + 1] & 0xFFL) << 8) | ((buf[at + 2] & 0xFFL) << 16)
                | ((buf[at + 3] & 0xFFL) << 24);
    }
}
