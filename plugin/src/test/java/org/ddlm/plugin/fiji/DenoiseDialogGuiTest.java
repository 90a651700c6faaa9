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
 * The Denoise dialog in the real GUI, on an Xvfb display this test starts (or $DISPLAY when there is no Xvfb):
 * its fields and defaults, a screenshot in plugin/target/fiji-gui/, and Cancel leaves nothing open.
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
            Path shot = FijiProcess.classesDir().getParent().resolve("fiji-gui/denoise-dialog.png");
            Files.createDirectories(shot.getParent());
            Files.deleteIfExists(shot);
            Path app = FijiProcess.fijiApp(tmp);
            FijiProcess.Result r = FijiProcess.run(app, List.of("-Djava.awt.headless=false"),
                    DialogScreenshotMain.class.getName(), List.of(shot.toString()), tmp.resolve("gui.log"),
                    List.of("DISPLAY=" + display), 60);
            String out = r.output();
            assertEquals(0, r.exitCode(), out);
            for (String expected : List.of("label: Input", "label: Steps", "text: 2", "label: Zeta (blend weight)",
                    "text: 0.030", "label: Time factor (start at this x noise; 0 = by noise texture)", "text: 0.00", "label: Seed", "choice: ddim of 6", "label: Flips (mirror views averaged)", "choice: 2 of 3", "choice: blend of 4", "choice: folder of 2",
                    "text: default", "checkbox: Show result=true", "checkbox: Overwrite output folder=false",
                    "pressing Cancel", "plugin returned; images open: 0")) {
                assertTrue(out.contains(expected), "missing '" + expected + "' in:\n" + out);
            }
            // The SciJava command asks for exactly what the dialog asks (GenericDialog shows '_' as a space).
            java.util.Set<String> dialog = new java.util.TreeSet<>();
            java.util.Set<String> scijava = new java.util.TreeSet<>();
            for (String line : out.split("\\R")) {
                if (line.startsWith("label: ")) {
                    dialog.add(line.substring(7));
                } else if (line.startsWith("checkbox: ")) {
                    dialog.add(line.substring(10, line.lastIndexOf('=')));
                } else if (line.startsWith("scijava: ")) {
                    scijava.add(line.substring(9).replace('_', ' '));
                }
            }
            assertEquals(17, dialog.size(), dialog.toString());
            assertEquals(dialog, scijava);
            BufferedImage img = ImageIO.read(shot.toFile());
            assertTrue(img.getWidth() > 300 && img.getHeight() > 300, img.getWidth() + "x" + img.getHeight());
            assertTrue(darkPixels(img) > 2000, "the screenshot shows no text: " + darkPixels(img) + " dark pixels");
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
