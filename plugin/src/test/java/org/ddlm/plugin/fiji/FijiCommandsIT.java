package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.OutputFolder;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Acceptance for the overlay inside Fiji as shipped: a Fiji.app made of exactly the Fiji base the build copied from
 * Maven Central (target/fiji-base: the jars pom-scijava 45.0.0 manages, pinned) plus the overlay (target/fiji), and
 * child JVMs whose class path is only that folder's jars/, jars/linux64/ and plugins/, as Fiji's launcher builds it.
 * The test class path never reaches the children: their driver is a source file run by the java launcher.
 * All four commands run once as a headless macro and once through SciJava's CommandService, on one full-dose slice
 * and two low-dose slices of the bundled sample; their outputs are checked against the bundled sample (made by the
 * same simulation), the metrics and denoiser called here directly, and each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FijiCommandsIT {
    private static final Path IT = Overlay.ROOT.resolve("plugin/target/fiji-it");
    private static final Path APP = IT.resolve("Fiji.app");
    private static final Path WORK = IT.resolve("work");
    private static final Path DRIVER = Overlay.ROOT.resolve(
            "plugin/src/test/java/org/ddlm/plugin/fiji/overlay/OverlayDriver.java");

    private CtStack full;
    private CtStack lowTwo;
    private String macroLog;
    private String commandsLog;
    private FijiProcess.Result failedMacro;

    @BeforeAll
    void runBothWays() throws Exception {
        if (Files.exists(IT)) {
            OutputFolder.deleteTree(IT);
        }
        layOutFijiApp();
        full = new SeriesScanner().scan(HeadlessMacroTest.FULL).requireStacks().get(0);
        Path oneFull = Files.createDirectories(WORK.resolve("one-full"));
        Files.copy(full.slices().get(0).path(), oneFull.resolve(full.slices().get(0).path().getFileName()));
        Path low = Files.createDirectories(WORK.resolve("low-two"));
        for (String name : List.of("0001.dcm", "0002.dcm")) {
            Files.copy(HeadlessMacroTest.LOW.resolve(name), low.resolve(name));
        }
        lowTwo = new SeriesScanner().scan(low).requireStacks().get(0);

        FijiProcess.Result macro = child("macro.log", "macro", resource("overlay-commands.ijm"), WORK.toString());
        macroLog = macro.output();
        assertEquals(0, macro.exitCode(), macroLog);
        FijiProcess.Result commands = child("commands.log", "commands", WORK.toString());
        commandsLog = commands.output();
        assertEquals(0, commands.exitCode(), commandsLog);
        failedMacro = child("failed-macro.log", "macro", resource("overlay-failure.ijm"),
                WORK.resolve("no-such-series").toString());
    }

    /** Fiji.app/jars (base and overlay), jars/linux64 and plugins/, hard-linked from target/ where possible. */
    private static void layOutFijiApp() throws IOException {
        Path base = Overlay.ROOT.resolve("plugin/target/fiji-base/jars");
        for (Path jar : Overlay.jars(base)) {
            link(jar, APP.resolve("jars").resolve(jar.getFileName()));
        }
        for (Path jar : Overlay.jars(Overlay.FIJI)) {
            link(jar, APP.resolve(Overlay.FIJI.relativize(jar)));
        }
    }

    private static void link(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }

    /** What Fiji's launcher puts on the class path on Linux x86-64: jars/, jars/linux64/ and plugins/. */
    private static String fijiClassPath() throws IOException {
        List<String> cp = new ArrayList<>();
        for (String dir : List.of("jars", "jars/linux64", "plugins")) {
            try (Stream<Path> s = Files.list(APP.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> cp.add(p.toString()));
            }
        }
        return String.join(File.pathSeparator, cp);
    }

    private static String resource(String name) throws IOException {
        Path file = IT.resolve(name);
        try (var in = FijiCommandsIT.class.getResourceAsStream("/fiji/" + name)) {
            Files.copy(in, file);
        }
        return file.toString();
    }

    private static FijiProcess.Result child(String logName, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-Dplugins.dir=" + APP, "-Dij.dir=" + APP, "-cp", fijiClassPath(), DRIVER.toString()));
        cmd.addAll(List.of(args));
        Path log = IT.resolve(logName);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(APP.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The natives unpack once into target/ (as for the unit tests), not into the user's ~/.djl.ai.
        Path cache = Overlay.ROOT.resolve("plugin/target/djl-cache");
        pb.environment().put("DJL_CACHE_DIR", cache.toString());
        pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new FijiProcess.Result(-1, Files.readString(log) + "\n[killed after 600 s]");
        }
        return new FijiProcess.Result(p.exitValue(), Files.readString(log));
    }

    @Test
    void childClassPathIsOnlyFijiApp() throws Exception {
        for (String entry : fijiClassPath().split(File.pathSeparator)) {
            assertTrue(entry.startsWith(APP.toString()), entry);
        }
        // The base is what the build resolved, not the test class path's ImageJ patcher or SciJava.
        assertTrue(Files.isRegularFile(APP.resolve("jars/scijava-common-2.100.1.jar")));
        assertTrue(Files.isRegularFile(APP.resolve("jars/ij1-patcher-2.0.0.jar")));
        assertTrue(Files.isRegularFile(APP.resolve("jars/logback-classic-1.3.16.jar")));
        assertTrue(Files.isRegularFile(APP.resolve("plugins/LDCT_Diffusion-0.1.0.jar")));
        assertTrue(macroLog.contains("macro finished") && macroLog.contains("macro ran to its end"), macroLog);
        assertTrue(commandsLog.contains("commands finished"), commandsLog);
    }

    /** The bundled 25 % dose sample was simulated with the same settings: both runs reproduce its first slice. */
    @Test
    void simulateReproducesTheBundledSampleBothWays() throws Exception {
        float[] bundled = new SeriesScanner().scan(HeadlessMacroTest.LOW).requireStacks().get(0).slices().get(0)
                .loadHu().hu();
        for (String way : List.of("macro", "commands")) {
            ImagePlus imp = IJ.openImage(WORK.resolve(way + "/simulated.tif").toString());
            assertEquals(1, imp.getStackSize(), way);
            assertEquals(0.0, HeadlessMacroTest.maxAbsDiff(bundled, rounded((float[]) imp.getStack().getPixels(1))),
                    way + " image");
            CtStack series = new SeriesScanner().scan(WORK.resolve(way + "/simulated")).requireStacks().get(0);
            assertEquals(0.0, HeadlessMacroTest.maxAbsDiff(bundled, series.slices().get(0).loadHu().hu()),
                    way + " written series");
        }
        assertTrue(commandsLog.contains("command SimulateLowDoseCommand: canceled=false reason=null result=1 slices"),
                commandsLog);
    }

    /** The written simulated series against the full-dose slice: the metrics computed here on the bundled pair. */
    @Test
    void validateFillsTheResultsTableBothWays() throws Exception {
        HuImage ref = full.slices().get(0).loadHu();
        float[] bundled = new SeriesScanner().scan(HeadlessMacroTest.LOW).requireStacks().get(0).slices().get(0)
                .loadHu().hu();
        PairMetrics abdomen = HeadlessMacroTest.measure(bundled, ref, Window.ABDOMEN);
        PairMetrics wide = HeadlessMacroTest.measure(bundled, ref, Window.WIDE);
        for (String way : List.of("macro", "commands")) {
            List<Map<String, String>> rows = HeadlessMacroTest.readCsv(WORK.resolve(way + "/validate.csv"));
            assertEquals(1, rows.size(), way);
            assertEquals(abdomen.psnrDb(), Double.parseDouble(rows.get(0).get("PSNR abdomen")), 1e-3, way);
            assertEquals(abdomen.ssim(), Double.parseDouble(rows.get(0).get("SSIM abdomen")), 1e-4, way);
            assertEquals(wide.psnrDb(), Double.parseDouble(rows.get(0).get("PSNR wide")), 1e-3, way);
        }
        assertTrue(commandsLog.contains("command ValidateCommand: canceled=false"), commandsLog);
    }

    /** Both ways give the same stack, and it is the library's DDLM of the same slice with the same settings. */
    @Test
    void denoiseReturnsTheLibrarysResultBothWays() throws Exception {
        Map<Integer, float[]> expected = HeadlessMacroTest.libraryDenoise(lowTwo, List.of(0));
        String first = lowTwo.slices().get(0).path().getFileName().toString();
        for (String way : List.of("macro", "commands")) {
            ImagePlus imp = IJ.openImage(WORK.resolve(way + "/denoised.tif").toString());
            assertEquals(2, imp.getStackSize(), way);
            assertEquals("HU", imp.getCalibration().getValueUnit(), way);
            int slice = 0;
            for (int s = 1; s <= 2; s++) {
                if (imp.getStack().getSliceLabel(s).split("\n")[0].equals(first)) {
                    slice = s;
                }
            }
            assertTrue(slice > 0, way + ": no slice labelled " + first);
            assertEquals(0.0, HeadlessMacroTest.maxAbsDiff(expected.get(0), (float[]) imp.getStack().getPixels(slice)),
                    1e-3, way);
            assertEquals(2, new SeriesScanner().scan(WORK.resolve(way + "/denoised")).requireStacks().get(0).size(),
                    way + " written series");
        }
        assertTrue(commandsLog.contains("command DenoiseCommand: canceled=false reason=null result=2 slices"),
                commandsLog);
    }

    /** Two training steps on one slice: a loadable model folder, no partial folder left. */
    @Test
    void trainWritesALoadableModelBothWays() throws Exception {
        for (String way : List.of("macro", "commands")) {
            Path model = WORK.resolve(way + "/prior");
            assertTrue(Files.isRegularFile(model.resolve("model.json")), way);
            assertFalse(Files.exists(WORK.resolve(way + "/prior.partial")), way);
            try (PriorModels.Opened opened = PriorModels.open(model.toString(), Device.cpu())) {
                assertTrue(opened.id().startsWith("prior(sha256:"), way + ": " + opened.id());
            }
        }
        assertTrue(commandsLog.contains("command TrainPriorCommand: canceled=false"), commandsLog);
    }

    /** A failure is visible: the module is cancelled with the reason; the macro aborts with it and goes no further. */
    @Test
    void failuresAreVisibleBothWays() {
        assertTrue(commandsLog.matches("(?s).*command DenoiseCommand: canceled=true reason=[^\\n]*no-such-series"
                + "[^\\n]*is not a folder[^\\n]* result=null.*"), commandsLog);
        assertEquals(2, failedMacro.exitCode(), failedMacro.output());
        assertTrue(failedMacro.output().contains(WORK.resolve("no-such-series") + " is not a folder"),
                failedMacro.output());
        assertFalse(failedMacro.output().contains("after the failed command"), failedMacro.output());
    }

    /** Help > About Plugins > About DDLM... works headless and names the version and the licence. */
    @Test
    void aboutNamesVersionAndLicence() {
        assertTrue(macroLog.contains("DDLM 0.1.0"), macroLog);
        assertTrue(macroLog.contains("BSD 2-Clause"), macroLog);
    }

    private static float[] rounded(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i]);
        }
        return out;
    }
}
