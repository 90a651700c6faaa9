package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled prior: its card prints, and it passes the one-step Tweedie check on a held-out patient's slice. */
class DefaultPriorTest {
    @TempDir
    Path tmp;

    private static String stdout(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertEquals(0, DdlmCli.run(args), String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoModelPrintsTheBundledCard() {
        String card = stdout("info-model", "default");
        assertTrue(card.startsWith("# ddlm default CT prior"), card);
        assertTrue(card.contains("sha256"), card);
    }

    @Test
    void bundledPriorHalvesThirtyHuNoiseOnAHeldOutSlice() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("heldout"));
        // Patient Lung_Dx-A0002 was held out of training whole (MODEL_CARD.md).
        Files.copy(Fixtures.shared().resolve("data/ct/chest-siemens-sensation10-b40f/1-19.dcm"), dir.resolve("a.dcm"));
        String out = stdout("check-prior", "--device", "cpu", "--threads", "2", dir.toString());
        assertTrue(out.contains("1 of 1 slices pass"), out);
    }
}
