package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ij.measure.Calibration;
import ij.plugin.DICOM;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.core.HuImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance (dicom.md section 4): for the first, middle and last slice of every real series, ImageJ 1.54p's DICOM
 * reader, an independent implementation, gives exactly our HU at every pixel.
 */
class ImageJEqualityTest {

    static Stream<Arguments> threeSlicesOfEverySeries() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path dir : TestData.ctSeries()) {
            List<Path> files = TestData.dicomFiles(dir);
            for (int i : new int[] {0, files.size() / 2, files.size() - 1}) {
                out.add(Arguments.of(dir.getFileName() + "/" + files.get(i).getFileName(), files.get(i)));
            }
        }
        if (out.size() < 21) {
            throw new UncheckedIOException(new IOException("expected 7 series under data/ct, found " + out.size() / 3));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threeSlicesOfEverySeries")
    void huEqualsImageJ(String name, Path file) throws Exception {
        HuImage ours = TestData.onlySlice(file).loadHu();
        assertEqualsImageJ(name, file, ours);
        // Guard against comparing two blank images: a CT slice spans air to soft tissue at least.
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : ours.hu()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min < -500 && max > 0, name + ": HU range " + min + ".." + max);
    }

    /** ImageJ reads neither RLE nor deflated files: our decode of each equals ImageJ on its DCMTK-decompressed copy. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"ct-rle-lossless.dcm, dcmdrle", "ct-deflated-explicit-le.dcm, dcmconv"})
    void compressedNegativeCasesEqualImageJOnTheirDecompressedCopies(String name, String tool,
            @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path src = TestData.negative(name);
        Path plain = tmp.resolve("plain.dcm");
        if (tool.equals("dcmdrle")) {
            ExternalTools.run("dcmdrle", src.toString(), plain.toString());
        } else {
            ExternalTools.run("dcmconv", "+te", src.toString(), plain.toString());
        }
        assertEqualsImageJ(name, plain, TestData.onlySlice(src).loadHu());
    }

    private static void assertEqualsImageJ(String name, Path file, HuImage ours) {
        System.setProperty("java.awt.headless", "true");
        DICOM imp = new DICOM();
        imp.open(file.toString());
        ImageProcessor ip = imp.getProcessor();
        assertNotNull(ip, "ImageJ could not open " + file);
        Calibration cal = imp.getCalibration();
        assertEquals(ip.getHeight(), ours.height());
        assertEquals(ip.getWidth(), ours.width());
        int mismatches = 0;
        String first = null;
        for (int y = 0; y < ours.height(); y++) {
            for (int x = 0; x < ours.width(); x++) {
                double reference;
                if (ip instanceof ShortProcessor) {
                    reference = cal.getCValue(ip.get(x, y));
                } else if (ip instanceof FloatProcessor) {
                    reference = ip.getf(x, y);
                } else {
                    fail("unexpected ImageJ processor " + ip.getClass().getSimpleName());
                    return;
                }
                float hu = ours.hu()[y * ours.width() + x];
                if (hu != reference) {
                    if (first == null) {
                        first = "(" + x + "," + y + "): ours " + hu + ", ImageJ " + reference;
                    }
                    mismatches++;
                }
            }
        }
        assertEquals(0, mismatches, name + ": pixels differing from ImageJ, first at " + first);
    }
}
