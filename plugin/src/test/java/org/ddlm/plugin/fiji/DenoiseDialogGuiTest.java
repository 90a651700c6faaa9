package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Denoise dialogs in the real GUI, on an Xvfb display this test starts (or $DISPLAY when there is no Xvfb): the
 * main dialog's few fields, its Help page, the advanced dialog's fields and defaults, screenshots of all three in
 * plugin/target/fiji-gui/, and Cancel leaves nothing open.
 */
class DenoiseDialogGuiTest {
    @Test
    void dialogShowsItsFieldsAndCancels(@TempDir Path tmp) throws Exception {
        Path xvfb = Path.of("/usr/bin/Xvfb");
        String display = System.getenv("DISPLAY");
        Process server = null;
        if (Files.isExecutable(xvfb)) {
            // -displayfd 1: Xvfb picks a free display and prints its number once it accepts connections.
            server = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-screen", "0", "1280x1024x24",
                    "-nolisten", "tcp").redirectError(tmp.resolve("xvfb.log").toFile()).start();
            String number = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()))
                    .readLine();
            assertTrue(number != null && number.matches("\\d+"), "Xvfb did not start: "
                    + Files.readString(tmp.resolve("xvfb.log")));
            display = ":" + number;
        }
        Assumptions.assumeTrue(display != null, "no Xvfb and no DISPLAY: the GUI test needs one");
        try {
            Path dir = FijiProcess.classesDir().getParent().resolve("fiji-gui");
            Files.createDirectories(dir);
            List<Path> shots = List.of(dir.resolve("denoise-dialog.png"), dir.resolve("denoise-help.png"),
                    dir.resolve("denoise-advanced.png"));
            for (Path shot : shots) {
                Files.deleteIfExists(shot);
            }
            Path app = FijiProcess.fijiApp(tmp);
            FijiProcess.Result r = FijiProcess.run(app, List.of("-Djava.awt.headless=false"),
                    DialogScreenshotMain.class.getName(), shots.stream().map(Path::toString).toList(),
                    tmp.resolve("gui.log"), List.of("DISPLAY=" + display), 90);
            String out = r.output();
            assertEquals(0, r.exitCode(), out);
            for (String expected : List.of("main label: Input", "main choice: folder of 2", "main text: default",
                    "main label: Preset (speed/quality)", "main choice: default of 3", "main label: "
                    + DenoiseDialog.NOISE_LABEL, "main text: 0.00", "main checkbox: Overwrite output folder=false",
                    "main checkbox: Show result=true", "main button: Help",
                    "help has 'What you choose': true", "help has 'Preset': true",
                    "help has 'Advanced settings': true", "help has 'Macros': true",
                    "pressing OK", "advanced label: Steps", "advanced text: 2", "advanced choice: ddim of 6",
                    "advanced choice: blend of 4", "advanced label: Zeta (blend weight)", "advanced text: 0.030",
                    "advanced label: Time factor (start at this x noise; 0 = by noise texture)", "advanced text: 0.00",
                    "advanced label: " + DenoiseDialog.NORMAL_DOSE_LABEL, "advanced label: Flips (mirror views averaged)", "advanced choice: 2 of 3", "advanced label: Seed",
                    "advanced choice: auto of 3", "advanced checkbox: Uncertainty (spread of the views as a second "
                    + "stack)=false", "advanced button: Help", "pressing Cancel", "plugin returned; images open: 0")) {
                assertTrue(out.contains(expected), "missing '" + expected + "' in:\n" + out);
            }
            // The main dialog asks 9 things (it asked 17 before the Advanced split); together the two dialogs ask
            // exactly what the SciJava command takes, plus the preset and the Advanced tick.
            java.util.List<String> main = new java.util.ArrayList<>();
            java.util.Set<String> keys = new java.util.TreeSet<>();
            java.util.Set<String> scijava = new java.util.TreeSet<>();
            for (String line : out.split("\\R")) {
                String field = line.replaceFirst("^(main|advanced) (label|checkbox): ", "");
                if (!field.equals(line)) {
                    String label = field.contains("=") && line.contains(" checkbox: ")
                            ? field.substring(0, field.lastIndexOf('=')) : field;
                    keys.add(ij.Macro.trimKey(label));
                    if (line.startsWith("main ")) {
                        main.add(label);
                    }
                } else if (line.startsWith("scijava: ")) {
                    scijava.add(line.substring(9));
                }
            }
            assertEquals(9, main.size(), main.toString());
            scijava.addAll(List.of("preset", "advanced"));
            assertEquals(scijava, keys);
            for (Path shot : shots) {
                BufferedImage img = ImageIO.read(shot.toFile());
                assertTrue(img.getWidth() > 250 && img.getHeight() > 250, shot + ": " + img.getWidth() + "x"
                        + img.getHeight());
                assertTrue(darkPixels(img) > 2000, shot + " shows no text: " + darkPixels(img) + " dark pixels");
            }
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Text and borders: an unpainted (blank) window has none. */
    private static int darkPixels(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255) < 200) {
                    n++;
                }
            }
        }
        return n;
    }
}
