package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ddlm.dicom.testing.HostileDicom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance (dicom.md section 2): 1,000 mutated files, fixed seed. Each is scanned and its pixels loaded, as a
 * command would, within 2 s and a 512 MB heap. The only allowed outcomes are success or a DicomReadException that is
 * not an internal wrap. Runs in its own surefire execution with -Xmx512m (dicom/pom.xml).
 */
class ParserRobustnessTest {
    /** Seed of dicom.md section 2; -Dddlm.robustness.seed=N explores others by hand (a failure prints the seed). */
    static final long SEED = Long.getLong("ddlm.robustness.seed", 20251127L);
    private static final int TRUNCATIONS = 400;
    private static final int FLIPS = 400;
    private static final int LENGTHS = 200;

    /** Implicit VR unsigned, signed, Explicit VR unsigned, then the RLE and deflated negative cases. */
    private static final String[] SOURCES = {"ct/chest-philips-brilliance16/1-20.dcm",
            "ct/abdomen-ge-lightspeed16/1-20.dcm", "ct/chest-siemens-sensation10-b40f/1-12.dcm",
            "dicom-negative-cases/ct-rle-lossless.dcm", "dicom-negative-cases/ct-deflated-explicit-le.dcm"};

    private static final java.util.Map<Problem, Integer> PROBLEMS = new java.util.EnumMap<>(Problem.class);

    private record Source(String name, byte[] bytes, List<int[]> lengthFields, int pixelDataAt, List<Integer> reserved,
                          List<int[]> topLevel, boolean explicit) {
    }

    @Test
    void mutatedFilesFailCleanlyAndInTime(@TempDir Path tmp) throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        Assumptions.assumeTrue(maxHeap <= 600L * 1024 * 1024, "runs in the -Xmx512m surefire execution 'robustness'"
                + " (this JVM has " + (maxHeap >> 20) + " MB)");
        List<Source> sources = new ArrayList<>();
        for (String s : SOURCES) {
            byte[] bytes = Files.readAllBytes(TestData.data(s));
            HeaderWalk walk = HeaderWalk.of(bytes);
            sources.add(new Source(s, bytes, walk.lengthFields, walk.pixelDataAt, walk.reservedAt, walk.topLevel,
                    walk.explicit && walk.pixelDataAt > 0));
            assertTrue(walk.lengthFields.size() > 5, "length fields found in " + s);
        }
        // Every source itself reads fine: the mutations, not the sources, make the failures.
        for (Source s : sources) {
            Path f = Files.write(tmp.resolve("source.dcm"), s.bytes);
            assertEquals(262144, TestData.onlySlice(f).loadHu().hu().length, s.name);
        }

        Random rng = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int succeeded = 0;
        int refused = 0;
        Path file = tmp.resolve("case.dcm");
        for (int c = 0; c < TRUNCATIONS + FLIPS + LENGTHS; c++) {
            Source src = sources.get(c % sources.size());
            byte[] b;
            String what;
            if (c < TRUNCATIONS) {
                int at = rng.nextInt(src.bytes.length);
                b = java.util.Arrays.copyOf(src.bytes, at);
                what = "truncated to " + at + " bytes";
            } else if (c < TRUNCATIONS + FLIPS) {
                b = src.bytes.clone();
                int n = 1 + rng.nextInt(8);
                // Half the cases flip anywhere; half only before Pixel Data, where the structure lives.
                int range = c % 2 == 0 || src.pixelDataAt <= 0 ? b.length : src.pixelDataAt;
                StringBuilder sb = new StringBuilder(n + " flips at");
                for (int i = 0; i < n; i++) {
                    int at = rng.nextInt(range);
                    b[at] ^= (byte) (1 + rng.nextInt(255));
                    sb.append(' ').append(at);
                }
                what = sb.toString();
            } else {
                b = src.bytes.clone();
                int[] field = src.lengthFields.get(rng.nextInt(src.lengthFields.size()));
                long value = switch (rng.nextInt(3)) {
                    case 0 -> 0xFFFFFFF0L;
                    case 1 -> 0x7FFFFFFFL;
                    default -> (long) b.length + 1 + (rng.nextLong() & 0x7FFFFFFFL);
                };
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (field[1] == 4) {
                    bb.putInt(field[0], (int) value);
                } else {
                    // A 2-byte field (short explicit VR) can only hold the low 16 bits; keep them large.
                    value = (value & 0xFFFF) | 0x8000;
                    bb.putShort(field[0], (short) value);
                }
                what = String.format("length at %d (%d bytes) set to 0x%X", field[0], field[1], value);
            }
            Files.write(file, b);
            String outcome = parse(file);
            if (outcome == null) {
                succeeded++;
            } else if (outcome.isEmpty()) {
                refused++;
            } else {
                failures.add("seed " + SEED + " case " + c + " (" + src.name + ", " + what + "): " + outcome);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of 1000 cases failed:\n" + String.join("\n", failures.subList(0,
                    Math.min(20, failures.size()))));
        }
        System.out.println("robustness: seed " + SEED + ", " + succeeded + " read fine, " + refused + " refused "
                + PROBLEMS);
        // A sanity check on the mutations themselves: both outcomes must occur often.
        assertTrue(succeeded > 100 && refused > 300, "succeeded " + succeeded + ", refused " + refused);
    }

    /**
     * Issue 15 item 3: files the framing check and PixelMed could read in two ways, made from the Explicit VR sources.
     * Every one must be refused cleanly (never read, never a crash): non-zero reserved bytes on a real long-VR header,
     * elements hidden behind such bytes (a rescale, a huge length, deep nesting), a public top-level element given
     * twice, and sequences nested past the limit.
     */
    @Test
    void differentialCasesAreAllRefused(@TempDir Path tmp) throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        Assumptions.assumeTrue(maxHeap <= 600L * 1024 * 1024, "runs in the -Xmx512m surefire execution 'robustness'");
        List<Source> explicit = new ArrayList<>();
        for (String s : SOURCES) {
            byte[] bytes = Files.readAllBytes(TestData.data(s));
            HeaderWalk walk = HeaderWalk.of(bytes);
            if (walk.explicit && walk.pixelDataAt > 0) {
                explicit.add(new Source(s, bytes, walk.lengthFields, walk.pixelDataAt, walk.reservedAt, walk.topLevel,
                        true));
            }
        }
        assertTrue(explicit.size() >= 3, "explicit sources: " + explicit.size());
        Random rng = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        Path file = tmp.resolve("case.dcm");
        for (int c = 0; c < 200; c++) {
            Source src = explicit.get(c % explicit.size());
            byte[] b;
            String what;
            switch (c / 50) {
                case 0 -> {
                    int at = src.reserved.get(rng.nextInt(src.reserved.size()));
                    int value;
                    do {
                        value = 1 + rng.nextInt(0xFFFF);
                    } while (value == 0x3030);
                    b = src.bytes.clone();
                    b[at] = (byte) value;
                    b[at + 1] = (byte) (value >>> 8);
                    what = String.format("reserved bytes at %d set to 0x%04X", at, value);
                }
                case 1 -> {
                    byte[] blob = switch (rng.nextInt(4)) {
                        case 0 -> HostileDicom.text(0x00281052, "DS", Integer.toString(rng.nextInt(4000) - 2000));
                        case 1 -> ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0009)
                                .putShort((short) 0x1002).put("OW".getBytes(StandardCharsets.US_ASCII))
                                .putShort((short) 0).putInt(0xFFFFFFF0).array();
                        case 2 -> HostileDicom.deepSequences(0x00091003, 17 + rng.nextInt(100_000));
                        default -> HostileDicom.text(0x00280030, "DS", "9\\9");
                    };
                    b = insert(src.bytes, src.pixelDataAt, HostileDicom.element(0x00091001, "OB", blob,
                            1 + rng.nextInt(0x2FFF)));
                    what = "hidden element of " + blob.length + " bytes";
                }
                case 2 -> {
                    int[] e = src.topLevel.get(rng.nextInt(src.topLevel.size()));
                    b = insert(src.bytes, e[1], java.util.Arrays.copyOfRange(src.bytes, e[0], e[1]));
                    what = "top-level element at " + e[0] + " given twice";
                }
                default -> {
                    int depth = 17 + rng.nextInt(100_000);
                    b = insert(src.bytes, src.pixelDataAt, HostileDicom.deepSequences(0x00081110, depth));
                    what = "sequences nested " + depth + " deep";
                }
            }
            Files.write(file, b);
            String outcome = parse(file);
            if (outcome == null) {
                failures.add("seed " + (SEED + 1) + " case " + c + " (" + src.name + ", " + what + "): read as if fine");
            } else if (!outcome.isEmpty()) {
                failures.add("seed " + (SEED + 1) + " case " + c + " (" + src.name + ", " + what + "): " + outcome);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of 200 differential cases not refused cleanly:\n" + String.join("\n",
                    failures.subList(0, Math.min(20, failures.size()))));
        }
        System.out.println("robustness, differential: 200 of 200 refused " + PROBLEMS);
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        return HostileDicom.cat(java.util.Arrays.copyOf(b, at), what, java.util.Arrays.copyOfRange(b, at, b.length));
    }

    /** null: read fine; "": a clean DicomReadException; otherwise what went wrong. */
    private static String parse(Path file) {
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try {
                    ScanResult r = new SeriesScanner().scan(file);
                    for (CtStack s : r.stacks()) {
                        for (CtSlice slice : s.slices()) {
                            slice.loadHu();
                        }
                    }
                } catch (DicomReadException e) {
                    if (e.isInternal()) {
                        throw new InternalWrap(e);
                    }
                    throw new CleanRefusal(e.problem());
                }
            });
            return null;
        } catch (CleanRefusal e) {
            PROBLEMS.merge(e.problem, 1, Integer::sum);
            return "";
        } catch (InternalWrap e) {
            return "internal: " + e.getCause().getMessage() + " / cause " + e.getCause().getCause();
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /** Marks an allowed refusal inside the timed block. */
    private static final class CleanRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final Problem problem;

        CleanRefusal(Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    /** Carries an internal DicomReadException out of the timed block. */
    private static final class InternalWrap extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InternalWrap(DicomReadException e) {
            super(e);
        }
    }

    /**
     * The test's own walk over a known-good source: where each element's length field is (offset, width), so the
     * mutation can hit real headers. Independent of FramingCheck, and only trusted on the unmodified sources.
     */
    private static final class HeaderWalk {
        final List<int[]> lengthFields = new ArrayList<>();
        /** Offsets of the reserved bytes of explicit long-VR headers, at every depth. */
        final List<Integer> reservedAt = new ArrayList<>();
        /** [start, end) of each top-level element of a public group. */
        final List<int[]> topLevel = new ArrayList<>();
        int pixelDataAt = -1;
        private final ByteBuffer b;
        boolean explicit = true;

        private HeaderWalk(byte[] bytes) {
            b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        static HeaderWalk of(byte[] bytes) {
            HeaderWalk w = new HeaderWalk(bytes);
            int p = 132;
            String ts = null;
            while (p + 8 <= bytes.length && w.b.getShort(p) == 2) {
                String vr = new String(bytes, p + 4, 2, StandardCharsets.US_ASCII);
                boolean longVr = vr.equals("OB") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT");
                int len = longVr ? w.b.getInt(p + 8) : w.b.getShort(p + 6) & 0xFFFF;
                w.lengthFields.add(new int[] {longVr ? p + 8 : p + 6, longVr ? 4 : 2});
                int header = longVr ? 12 : 8;
                if (w.b.getShort(p + 2) == 0x0010) {
                    ts = new String(bytes, p + header, len, StandardCharsets.US_ASCII).trim().replace("\0", "");
                }
                p += header + len;
            }
            if (TransferSyntaxes.DEFLATED_LE.equals(ts)) {
                return w; // the data set is compressed: only the meta headers are real headers on disk
            }
            w.explicit = !TransferSyntaxes.IMPLICIT_LE.equals(ts);
            w.dataset(p, bytes.length, 0);
            return w;
        }

        /** Elements in [p, end); returns where it stopped (after an item delimiter when nested). */
        private int dataset(int p, int end, int depth) {
            while (p + 8 <= end) {
                int tag = (b.getShort(p) & 0xFFFF) << 16 | (b.getShort(p + 2) & 0xFFFF);
                if (tag == Tags.ITEM_DELIMITATION) {
                    return p + 8;
                }
                String vr;
                int lenAt;
                int width;
                if (explicit) {
                    vr = new String(b.array(), p + 4, 2, StandardCharsets.US_ASCII);
                    boolean longVr = "OB OD OF OL OV OW SQ SV UC UN UR UT UV".contains(vr);
                    lenAt = longVr ? p + 8 : p + 6;
                    width = longVr ? 4 : 2;
                    if (longVr) {
                        reservedAt.add(p + 6);
                    }
                } else {
                    vr = Tags.dictionaryVr(tag);
                    lenAt = p + 4;
                    width = 4;
                }
                long len = width == 4 ? b.getInt(lenAt) & 0xFFFFFFFFL : b.getShort(lenAt) & 0xFFFF;
                lengthFields.add(new int[] {lenAt, width});
                int value = lenAt + width;
                if (tag == Tags.PIXEL_DATA && depth == 0) {
                    pixelDataAt = p;
                }
                int start = p;
                if (len == 0xFFFFFFFFL) {
                    p = items(value, end, depth, tag == Tags.PIXEL_DATA);
                } else {
                    if ("SQ".equals(vr)) {
                        items(value, value + (int) len, depth, false);
                    }
                    p = value + (int) len;
                }
                if (depth == 0 && ((tag >>> 16) & 1) == 0) {
                    topLevel.add(new int[] {start, p});
                }
            }
            return p;
        }

        /** Items of a sequence, or the fragments of encapsulated Pixel Data (whose contents are not elements). */
        private int items(int p, int end, int depth, boolean fragments) {
            while (p + 8 <= end) {
                int tag = (b.getShort(p) & 0xFFFF) << 16 | (b.getShort(p + 2) & 0xFFFF);
                long len = b.getInt(p + 4) & 0xFFFFFFFFL;
                if (tag == Tags.SEQUENCE_DELIMITATION) {
                    return p + 8;
                }
                lengthFields.add(new int[] {p + 4, 4});
                if (len == 0xFFFFFFFFL) {
                    p = dataset(p + 8, end, depth + 1);
                } else {
                    if (!fragments) {
                        dataset(p + 8, p + 8 + (int) len, depth + 1);
                    }
                    p += 8 + (int) len;
                }
            }
            return p;
        }
    }
}
