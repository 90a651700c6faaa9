package org.ddlm.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>It also makes sure PixelMed reads the same element stream it walked (one reading of every byte): it refuses the
 * encodings the two read differently (non-zero reserved bytes after a long VR, which PixelMed takes as a 16-bit length;
 * a tag twice in one data set, where readers disagree on which copy counts; a defined-length UN whose value is a
 * sequence, which PixelMed may parse as one), and it records the top-level elements so that {@link ConsistentParse}
 * can compare them with what PixelMed returns.
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
    /** PixelMed, DCMTK and pydicom all read reserved bytes of ASCII "00" as the long form (some writers put it there). */
    private static final int RESERVED_ASCII_ZEROS = 0x3030;
    private static final int MAX_UID_CHARS = 64;

    private final Path path;
    private ByteBuffer buf;
    private long size;
    private boolean explicit;
    private boolean bigEndian;
    private String transferSyntax;
    private long pixelOffset = -1;
    private long pixelLength = -1;
    private final List<long[]> fragments = new ArrayList<>();
    private final List<Framing.Element> elements = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean outOfOrderNoted;

    private FramingCheck(Path path, ByteBuffer file) {
        this.path = path;
        this.buf = file;
        this.size = file.limit();
    }

    static Framing check(Path path, byte[] file) throws DicomReadException {
        return check(path, ByteBuffer.wrap(file));
    }

    /** @param file the whole file; only absolute reads are made, its position and limit are left alone */
    static Framing check(Path path, ByteBuffer file) throws DicomReadException {
        return new FramingCheck(path, file).run();
    }

    private Framing run() throws DicomReadException {
        boolean part10 = size >= 132 && at(128) == 'D' && at(129) == 'I' && at(130) == 'C' && at(131) == 'M';
        long p;
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
        transferSyntax = ts;
        explicit = !ts.equals(TransferSyntaxes.IMPLICIT_LE);
        bigEndian = ts.equals(TransferSyntaxes.EXPLICIT_BE);
        if (ts.equals(TransferSyntaxes.DEFLATED_LE)) {
            buf = ByteBuffer.wrap(inflate(p));
            size = buf.limit();
            p = 0;
        }
        long datasetStart = p;
        walkDataset(p, size, false, 0, true, true);
        return new Framing(part10, ts, pixelOffset, pixelOffset < 0 ? -1 : pixelLength, List.copyOf(fragments), buf,
                datasetStart, List.copyOf(elements), List.copyOf(notes));
    }

    private DicomReadException notDicom() {
        return new DicomReadException(path, Problem.NOT_DICOM, "not a DICOM file (no DICM at byte 128 and no plausible"
                + " data set at the start)", "Remove it from the folder or convert it to DICOM");
    }

    /** dicom.md 1: a raw data set must start with a plausible (0002,xxxx) or (0008,xxxx) tag. */
    private boolean plausibleRawStart() {
        if (size < 16) {
            return false;
        }
        int group = u16le(0);
        int element = u16le(2);
        return (group == 0x0002 || group == 0x0008) && element <= 0x1FFF;
    }

    private boolean isVr(long at) {
        return at + 2 <= size && ALL_VRS.contains(vrAt(at));
    }

    private String vrAt(long at) {
        return new String(new byte[] {at(at), at(at + 1)}, StandardCharsets.US_ASCII);
    }

    private record MetaResult(String transferSyntax, long end) {
    }

    /** The meta group is always Explicit VR Little Endian; walk elements while the group is 0002. */
    private MetaResult walkMeta(long start) throws DicomReadException {
        long p = start;
        String ts = null;
        boolean sawAny = false;
        while (p + 8 <= size && u16le(p) == 0x0002) {
            int tag = (u16le(p) << 16) | u16le(p + 2);
            if (!isVr(p + 4)) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "File Meta Information element has an invalid"
                        + " value representation", tag, p, "The file is damaged");
            }
            String vr = vrAt(p + 4);
            long len;
            int header;
            if (LONG_VRS.contains(vr)) {
                if (p + 12 > size) {
                    throw truncated(tag, p);
                }
                len = u32le(p + 8);
                header = 12;
            } else {
                len = u16le(p + 6);
                header = 8;
            }
            if (len == UNDEFINED || p + header + len > size) {
                throw new DicomReadException(path, Problem.LENGTH_BEYOND_END, "File Meta Information element length "
                        + "runs past the end of the file", tag, p, "The file is truncated or damaged");
            }
            if (tag == 0x00020010) {
                if (len > MAX_UID_CHARS + 1) {
                    throw new DicomReadException(path, Problem.BAD_VALUE, "TransferSyntaxUID is " + len + " bytes long",
                            tag, p, "The file is damaged; rewrite it with dcmconv +te IN OUT");
                }
                byte[] value = new byte[(int) len];
                buf.get((int) (p + header), value);
                ts = new String(value, StandardCharsets.US_ASCII).replace("\0", "").trim();
            }
            p += header + len;
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
     * item); reaching {@code end} first is a truncation. {@code parsed}: PixelMed will read these elements (false inside
     * a top-level element it skips), so they must read the same way to it.
     */
    private long walkDataset(long p, long end, boolean untilItemDelimiter, int depth, boolean topLevel, boolean parsed)
            throws DicomReadException {
        if (depth > MAX_DEPTH) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "sequences nested deeper than " + MAX_DEPTH, -1, p,
                    "The file is damaged or hostile");
        }
        Map<Integer, Long> seen = new HashMap<>();
        int lastTag = -1;
        while (p < end) {
            if (p + 8 > end) {
                if (topLevel && allZero(p, end)) {
                    return end; // trailing zero padding shorter than a header
                }
                throw truncated(-1, p);
            }
            long start = p;
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
                long vrAt = p + 4;
                if (!isVr(vrAt)) {
                    throw new DicomReadException(path, Problem.BAD_STRUCTURE, "invalid value representation", tag, p,
                            "The file is damaged");
                }
                vr = vrAt(vrAt);
                if (LONG_VRS.contains(vr)) {
                    if (p + 12 > end) {
                        throw truncated(tag, p);
                    }
                    checkReserved(tag, vr, p);
                    len = u32(p + 8);
                    valueStart = p + 12;
                } else {
                    len = u16(p + 6);
                    valueStart = p + 8;
                }
            } else {
                vr = Tags.dictionaryVr(tag);
                len = u32(p + 4);
                valueStart = p + 8;
            }
            // PixelMed reads what it is given; private top-level elements and huge values are not given to it.
            boolean wanted = parsed && (!topLevel || HeaderSelection.wanted(tag));
            if (wanted) {
                checkOnce(seen, tag, p);
            }
            if (len == UNDEFINED) {
                p = walkUndefined(tag, vr, valueStart, end, depth, wanted);
                if (topLevel) {
                    record(tag, start, valueStart, -1, p, wanted);
                }
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
                walkItems(valueStart, valueStart + len, false, depth, wanted);
            } else if (wanted && (vr == null || "UN".equals(vr)) && len >= 8 && startsWithItem(valueStart)) {
                // PixelMed parses some defined-length UN values as Implicit VR sequences (public tags whose dictionary
                // VR is SQ, "safe" private sequences); walk every UN value that starts like one the same way.
                walkImplicit(valueStart, valueStart + len, false, depth, true);
            }
            if (tag == Tags.PIXEL_DATA && topLevel) {
                if (TransferSyntaxes.RLE.equals(transferSyntax)) {
                    throw new DicomReadException(path, Problem.BAD_STRUCTURE, "the transfer syntax is RLE Lossless, but"
                            + " Pixel Data is not encapsulated (it has a defined length of " + len + " bytes)", tag, p,
                            "The file is damaged: its transfer syntax and its Pixel Data disagree");
                }
                pixelOffset = valueStart;
                pixelLength = len;
            }
            if (topLevel) {
                record(tag, start, valueStart, len, valueStart + len, wanted);
            }
            p = valueStart + len;
        }
        if (untilItemDelimiter) {
            throw truncated(-1, p);
        }
        return p;
    }

    /** Adds a top-level element; a public one too large for a header is left out of PixelMed's parse, with a note. */
    private void record(int tag, long start, long valueStart, long length, long end, boolean wanted) {
        boolean parsedHere = wanted && HeaderSelection.smallEnough(tag, end - valueStart);
        if (wanted && !parsedHere) {
            notes.add("element " + Tags.format(tag) + " of " + (end - valueStart) + " bytes not read (too large for"
                    + " a header attribute; not copied to derived series)");
        }
        elements.add(new Framing.Element(tag, start, valueStart, length, end, parsedHere));
    }

    /** The 2 bytes after a long VR must be zero: PixelMed reads any other value as a 16-bit length, others ignore it. */
    private void checkReserved(int tag, String vr, long p) throws DicomReadException {
        int reserved = u16(p + 6);
        if (reserved != 0 && reserved != RESERVED_ASCII_ZEROS) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, String.format("the reserved bytes after VR %s are"
                    + " %02X %02X, not 00 00, so DICOM readers disagree on the element's length (%d or %d bytes)", vr,
                    at(p + 6) & 0xFF, at(p + 7) & 0xFF, u32(p + 8), reserved), tag, p, "The file is damaged or hostile;"
                    + " if dcmdump shows every element correctly, rewrite it with dcmconv IN OUT");
        }
    }

    /** One data set may hold a tag once: PixelMed keeps the last copy, DCMTK the first. */
    private void checkOnce(Map<Integer, Long> seen, int tag, long p) throws DicomReadException {
        Long first = seen.putIfAbsent(tag, p);
        if (first != null) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "the element appears twice in one data set (at"
                    + " bytes " + first + " and " + p + "); DICOM readers disagree on which copy counts", tag, p,
                    "The file is damaged; remove the wrong copy (dcmconv IN OUT keeps the first), then read it again");
        }
    }

    private long walkUndefined(int tag, String vr, long valueStart, long end, int depth, boolean parsed)
            throws DicomReadException {
        if (tag == Tags.PIXEL_DATA && depth == 0) {
            if (!TransferSyntaxes.RLE.equals(transferSyntax)) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "Pixel Data has undefined length"
                        + " (encapsulated), but the transfer syntax " + TransferSyntaxes.nameOf(transferSyntax)
                        + " stores pixels natively", tag, valueStart - (explicit ? 12 : 8),
                        "The file is damaged: its transfer syntax and its Pixel Data disagree");
            }
            pixelOffset = valueStart;
            pixelLength = -1;
            return walkFragments(valueStart, end);
        }
        if ("SQ".equals(vr) || vr == null) {
            return walkItems(valueStart, end, true, depth, parsed);
        }
        if ("UN".equals(vr)) {
            // An undefined-length UN is a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2).
            return walkImplicit(valueStart, end, true, depth, parsed);
        }
        throw new DicomReadException(path, Problem.BAD_STRUCTURE, "undefined length on a " + vr + " element", tag,
                valueStart - 8, "Only sequences, items and encapsulated Pixel Data may have undefined length");
    }

    /** Items of a sequence encoded in Implicit VR Little Endian, whatever the file's syntax. */
    private long walkImplicit(long p, long end, boolean undefined, int depth, boolean parsed) throws DicomReadException {
        boolean wasExplicit = explicit;
        boolean wasBig = bigEndian;
        explicit = false;
        bigEndian = false;
        try {
            return walkItems(p, end, undefined, depth, parsed);
        } finally {
            explicit = wasExplicit;
            bigEndian = wasBig;
        }
    }

    /** Items of a sequence in [p, end); with {@code undefined}, ends at the Sequence Delimitation item. */
    private long walkItems(long p, long end, boolean undefined, int depth, boolean parsed) throws DicomReadException {
        while (p < end) {
            if (p + 8 > end) {
                throw truncated(-1, p);
            }
            int tag = readTag(p);
            long len = u32(p + 4);
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
                p = walkDataset(p + 8, end, true, depth + 1, false, parsed);
            } else {
                if (p + 8 + len > end) {
                    throw new DicomReadException(path, Problem.LENGTH_BEYOND_END, "item length " + len
                            + " runs past the end of its sequence or the file", tag, p, "The file is truncated or damaged");
                }
                walkDataset(p + 8, p + 8 + len, false, depth + 1, false, parsed);
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
            long len = u32(p + 4);
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

    private byte[] inflate(long start) throws DicomReadException {
        long compressed = size - start;
        long cap = Math.min(INFLATE_HARD_CAP, Math.max(1024, compressed * 200));
        Inflater inflater = new Inflater(true);
        try {
            ByteBuffer input = buf.duplicate();
            input.position((int) start).limit((int) size);
            inflater.setInput(input);
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
            if (at(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private byte at(long i) {
        return buf.get((int) i);
    }

    /** UN values are always Little Endian inside, whatever the file's byte order. */
    private boolean startsWithItem(long p) {
        return ((u16le(p) << 16) | u16le(p + 2)) == Tags.ITEM;
    }

    private int readTag(long p) {
        return (u16(p) << 16) | u16(p + 2);
    }

    private int u16(long at) {
        return bigEndian ? ((at(at) & 0xFF) << 8) | (at(at + 1) & 0xFF) : u16le(at);
    }

    private long u32(long at) {
        if (bigEndian) {
            return ((long) (at(at) & 0xFF) << 24) | ((at(at + 1) & 0xFF) << 16) | ((at(at + 2) & 0xFF) << 8)
                    | (at(at + 3) & 0xFF);
        }
        return u32le(at);
    }

    private int u16le(long at) {
        return (at(at) & 0xFF) | ((at(at + 1) & 0xFF) << 8);
    }

    private long u32le(long at) {
        return (at(at) & 0xFFL) | ((at(at + 1) & 0xFFL) << 8) | ((at(at + 2) & 0xFFL) << 16)
                | ((at(at + 3) & 0xFFL) << 24);
    }
}
