package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ddlm.diffusion.device.DeviceChoice;
import org.ddlm.diffusion.device.DeviceSelector;
import org.ddlm.diffusion.net.PriorModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ddlm train` end to end on a tiny config: model files, log, loss curve, resume, and the model opens again. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainWritesAModelThatOpensAndResumeContinues() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path val = Files.createDirectories(tmp.resolve("val"));
        Files.copy(Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16/1-20.dcm"), data.resolve("a.dcm"));
        Files.copy(Fixtures.shared().resolve("data/ct/chest-philips-brilliance16/1-20.dcm"), val.resolve("b.dcm"));
        Path out = tmp.resolve("model");
        List<String> common = List.of("train", "--data", data.toString(), "--val", val.toString(), "--out", out.toString(),
                "--batch", "2", "--patch", "32", "--stf-ref", "4", "--validate-every", "2", "--checkpoint-every", "2",
                "--threads", "2", "--device", "cpu");
        String[] first = concat(common, "--steps", "4", "--stop-after", "2");
        assertEquals(0, DdlmCli.run(first));
        for (String f : List.of("model.json", "weights.params", "checkpoint.ddlm", "training_log.csv",
                "loss_curve.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(1, DdlmCli.run(first), "a second run into the same folder is refused without --resume");
        assertEquals(0, DdlmCli.run(concat(common, "--steps", "4", "--resume")));
        // An uninterrupted run of the same config gives the same losses (resume continues exactly).
        Path straight = tmp.resolve("straight");
        List<String> other = new java.util.ArrayList<>(common);
        other.set(other.indexOf(out.toString()), straight.toString());
        assertEquals(0, DdlmCli.run(concat(other, "--steps", "4")));
        assertEquals(losses(straight), losses(out));
        List<String> log = Files.readAllLines(out.resolve("training_log.csv"));
        assertEquals(1 + 4, log.size(), "header + steps 1..4 across the two runs: " + log);
        assertTrue(log.get(4).startsWith("4,"), log.get(4));
        BufferedImage png = ImageIO.read(out.resolve("loss_curve.png").toFile());
        assertEquals(1000, png.getWidth());
        try (PriorModels.Opened m = PriorModels.open(out.toString(), DeviceSelector.select(DeviceChoice.CPU))) {
            assertEquals("eps", m.spec().prediction());
            assertTrue(m.id().startsWith("model(sha256:"), m.id());
        }
    }

    /** --noise ct trains on CT-textured noise and the model declares it; an unknown texture is refused. */
    @Test
    void ctNoiseIsDeclaredInTheModelAndUnknownTexturesAreRefused() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.copy(Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16/1-20.dcm"), data.resolve("a.dcm"));
        Path out = tmp.resolve("ct");
        List<String> common = List.of("train", "--data", data.toString(), "--out", out.toString(), "--batch", "2",
                "--patch", "32", "--stf-ref", "1", "--steps", "2", "--threads", "2", "--device", "cpu");
        assertEquals(1, DdlmCli.run(concat(common, "--noise", "pink")));
        assertTrue(!Files.exists(out), "nothing written for a refused option");
        assertEquals(0, DdlmCli.run(concat(common, "--noise", "ct")));
        try (PriorModels.Opened m = PriorModels.open(out.toString(), DeviceSelector.select(DeviceChoice.CPU))) {
            assertEquals(org.ddlm.diffusion.model.NoiseTexture.CT, m.spec().noise());
        }
    }

    private static List<String> losses(Path model) throws Exception {
        return Files.readAllLines(model.resolve("training_log.csv")).stream().skip(1)
                .map(l -> l.split(",")[0] + ":" + l.split(",")[1]).toList();
    }

    private static String[] concat(List<String> a, String... b) {
        String[] out = a.toArray(new String[a.size() + b.length]);
        System.arraycopy(b, 0, out, a.size(), b.length);
        return out;
    }
}
