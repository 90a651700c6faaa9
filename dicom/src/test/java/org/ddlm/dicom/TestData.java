package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.core.HuImage;

/** Where the shared read-only test data live (system property ddlm.shared, set by surefire) and small helpers on it. */
final class TestData {
    /** The source slice of every negative case (../shared/data/dicom-negative-cases/README.md). */
    static final String NEGATIVE_SOURCE = "ct/abdomen-ge-lightspeed16/1-20.dcm";
    /** README: MD5 of the 524,288 little-endian bytes of the source slice's stored values. */
    static final String NEGATIVE_SOURCE_STORED_MD5 = "aa52c45f8a8717f65b4850f562f6cca7";

    private TestData() {
    }

    static Path shared() {
        String p = System.getProperty("ddlm.shared");
        Path dir = p != null ? Paths.get(p) : Paths.get("..", "..", "shared");
        assertTrue(Files.isDirectory(dir.resolve("data")), "shared data not found at " + dir.toAbsolutePath()
                + " (set -Dddlm.shared)");
        return dir.toAbsolutePath().normalize();
    }

    static Path data(String relative) {
        return shared().resolve("data").resolve(relative);
    }

    static Path negative(String name) {
        return data("dicom-negative-cases").resolve(name);
    }

    /** Every series folder under data/ct (those holding .dcm files), in name order. */
    static List<Path> ctSeries() throws IOException {
        try (Stream<Path> s = Files.list(data("ct"))) {
            return s.filter(Files::isDirectory).filter(TestData::hasDicom).sorted().toList();
        }
    }

    /** The .dcm files under {@code folder}, recursively (written series sit in per-stack subfolders). */
    static List<Path> dicomFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    private static boolean hasDicom(Path dir) {
        try {
            return !dicomFiles(dir).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** A single-file scan, as the CLI does for one slice. */
    static CtSlice onlySlice(Path file) throws DicomReadException {
        ScanResult r = new SeriesScanner().scan(file);
        List<CtStack> stacks = r.requireStacks();
        if (stacks.size() != 1 || stacks.get(0).size() != 1) {
            throw new AssertionError("expected one slice from " + file + ", got " + stacks);
        }
        return stacks.get(0).first();
    }

    /** Stored values back from HU (exact for integer slope/intercept), as the README's MD5 defines them. */
    static short[] storedValues(HuImage hu, PixelFormat f) {
        short[] out = new short[hu.hu().length];
        for (int i = 0; i < out.length; i++) {
            double v = (hu.hu()[i] - f.intercept()) / f.slope();
            long r = Math.round(v);
            if (r != v) {
                throw new AssertionError("HU " + hu.hu()[i] + " at " + i + " is not an integer stored value");
            }
            out[i] = (short) r;
        }
        return out;
    }

    static String md5LittleEndian(short[] words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short w : words) {
            b.putShort(w);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
