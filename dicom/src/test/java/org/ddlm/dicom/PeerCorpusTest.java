package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance (issue 15): pydicom's CT and syntax-quirk test files give pydicom's values, read and after ddlm's copy,
 * and every refusal names the fix. Expected values come from pydicom (resources/pydicom/make_vectors.py).
 */
class PeerCorpusTest {
    /** One row of vectors.tsv. */
    record Vector(String file, boolean read, int rows, int cols, int min, int max, String shaOrFix) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path corpus() throws Exception {
        return Path.of(PeerCorpusTest.class.getResource("/pydicom/vectors.tsv").toURI()).getParent();
    }

    static Stream<Vector> vectors() throws Exception {
        List<String> lines = Files.readAllLines(corpus().resolve("vectors.tsv"));
        return lines.stream().skip(1).map(l -> l.split("\t", -1)).map(f -> f[1].equals("read")
                ? new Vector(f[0], true, Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Integer.parseInt(f[5]), f[6])
                : new Vector(f[0], false, 0, 0, 0, 0, f[6]));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void readsAsPydicomDoesOrRefusesNamingTheFix(Vector v, @TempDir Path tmp) throws Exception {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Path file = Files.copy(corpus().resolve(v.file()), in.resolve(v.file()));
        // MR files stand in for syntax quirks: --force reads them as "units unknown".
        SeriesScanner scanner = new SeriesScanner(true);
        if (!v.read()) {
            DicomReadException e = assertThrows(DicomReadException.class, () -> {
                for (CtSlice s : scanner.scan(file).requireStacks().get(0).slices()) {
                    s.loadHu();
                }
            });
            assertFalse(e.isInternal(), e.getMessage());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(v.shaOrFix()), e.getMessage());
            return;
        }
        ScanResult scan = scanner.scan(in);
        CtSlice slice = scan.requireStacks().get(0).first();
        HuImage hu = slice.loadHu();
        assertEquals(v.rows(), slice.rows());
        assertEquals(v.cols(), slice.cols());
        assertPydicomValues(v, hu.hu());

        // ddlm copy: the written series reads back to the same values.
        Path out = tmp.resolve("out");
        try (DerivedSeriesWriter w = DerivedSeriesWriter.open(out, List.of(in), false)) {
            w.beginStack(scan.stacks().get(0), Derivation.copy()).write(0, hu.hu(), hu);
            w.commit();
        }
        Path written = TestData.dicomFiles(out).get(0);
        assertPydicomValues(v, new SeriesScanner(true).scan(written).requireStacks().get(0).first().loadHu().hu());
    }

    private static void assertPydicomValues(Vector v, float[] hu) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(hu.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (float h : hu) {
            int i = Math.round(h);
            assertEquals(i, h, 0.0, "integer HU");
            b.putInt(i);
            min = Math.min(min, i);
            max = Math.max(max, i);
        }
        assertEquals(v.min(), min, v.file());
        assertEquals(v.max(), max, v.file());
        assertEquals(v.shaOrFix(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array())),
                v.file());
    }
}
