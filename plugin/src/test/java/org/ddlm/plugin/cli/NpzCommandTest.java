package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ddlm npz`: slices out as HU, the bundled weights out and back in unchanged, bad imports refused. */
class NpzCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exportSlicesWritesTheClippedHuOfEverySlice() throws Exception {
        Path series = Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16");
        Path npz = tmp.resolve("slices.npz");
        CliRun run = CliRun.of("npz", "export-slices", "--data", series.toString(), "--out", npz.toString());
        assertEquals(0, run.exit(), run.err());
        CtStack stack = new SeriesScanner().scan(series).requireStacks().get(0);
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(npz)) {
            NDList arrays = NDList.decode(m, in);
            assertEquals(stack.size(), arrays.size());
            for (int i = 0; i < stack.size(); i++) {
                NDArray a = arrays.get(i);
                assertEquals(String.format("s%04d", i), a.getName());
                assertEquals(DataType.INT32, a.getDataType());
                HuImage img = stack.slices().get(i).loadHu();
                assertEquals(new Shape(img.height(), img.width()), a.getShape());
                int[] expected = new int[img.hu().length];
                for (int p = 0; p < expected.length; p++) {
                    double v = img.padding() != null && img.padding()[p] ? -1024 : img.hu()[p];
                    expected[p] = (int) Math.round(Math.min(3071, Math.max(-1024, v)));
                }
                assertArrayEquals(expected, a.toIntArray(), "slice " + i);
            }
        }
        assertFalse(Files.exists(tmp.resolve("slices.npz.part")));
    }

    @Test
    void bundledWeightsSurviveExportAndImportByteForByte() throws Exception {
        Path npz = tmp.resolve("w.npz");
        CliRun export = CliRun.of("npz", "export-weights", "default", "--out", npz.toString(), "--threads", "2");
        assertEquals(0, export.exit(), export.err());
        Path model = tmp.resolve("model");
        CliRun imported = CliRun.of("npz", "import-weights", npz.toString(), "--out", model.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertEquals(List.of("model.json", "noise_calibration.json", "weights.params"),
                Files.list(model).map(p -> p.getFileName().toString()).sorted().toList());
        try (InputStream bundled = getClass().getResourceAsStream("/org/ddlm/diffusion/prior/default/weights.params")) {
            assertArrayEquals(bundled.readAllBytes(), Files.readAllBytes(model.resolve("weights.params")),
                    "same header, same float32 values");
        }
        assertFalse(Files.readString(model.resolve("model.json")).contains("\"noise\""), "declared white noise");

        CliRun again = CliRun.of("npz", "import-weights", npz.toString(), "--out", model.toString());
        assertEquals(1, again.exit());
        assertTrue(again.errLines().contains("already exists"), again.err());
    }

    @Test
    void badImportsAreRefusedAndWriteNothing() {
        Path out = tmp.resolve("never");
        CliRun missing = CliRun.of("npz", "import-weights", tmp.resolve("absent.npz").toString(), "--out", out.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.errLines().contains("absent.npz"), missing.err());
        CliRun noise = CliRun.of("npz", "import-weights", tmp.resolve("absent.npz").toString(), "--out", out.toString(),
                "--noise", "pink");
        assertEquals(1, noise.exit());
        assertTrue(noise.errLines().contains("--noise must be white or ct"), noise.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("never.part")));
    }
}
