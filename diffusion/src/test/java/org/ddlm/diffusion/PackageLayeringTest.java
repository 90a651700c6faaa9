package org.ddlm.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code diffusion/} form layers (docs/architecture.md): schedule, then model, then the networks,
 * devices and samplers, then DDLM, training and benchmarks. A main source file may use its own layer's
 * package and lower ones, never a higher one (no arrow back up, so no package cycle).
 */
class PackageLayeringTest {
    static final Map<String, Integer> LAYER = Map.of("schedule", 0, "model", 1, "net", 2, "device", 2, "sampler", 2,
            "ddlm", 3, "train", 3, "bench", 3);
    private static final Pattern USE = Pattern.compile("org\\.ddlm\\.diffusion\\.([a-z]+)\\.");
    private static final Path MAIN = Path.of("src/main/java/org/ddlm/diffusion");

    /** "file: uses higher" lines for one source text of package {@code pkg}. */
    static List<String> upwardUses(String pkg, String file, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = USE.matcher(text);
        while (m.find()) {
            String used = m.group(1);
            Integer to = LAYER.get(used);
            if (to == null) {
                out.add(file + ": uses package " + used + ", which has no layer");
            } else if (!used.equals(pkg) && to >= LAYER.get(pkg)) {
                out.add(file + ": " + pkg + " (layer " + LAYER.get(pkg) + ") uses " + used + " (layer " + to + ")");
            }
        }
        return out;
    }

    @Test
    void noMainSourceUsesAPackageOfItsOwnOrAHigherLayer() throws IOException {
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // package-info of the root package
                }
                String pkg = rel.getName(0).toString();
                assertTrue(LAYER.containsKey(pkg), "a new package needs its layer here: " + pkg);
                problems.addAll(upwardUses(pkg, rel.toString(), Files.readString(f)));
                files++;
            }
        }
        assertTrue(files > 100, "walked the diffusion sources: " + files);
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckSeesAnUpwardUse() {
        assertEquals(1, upwardUses("model", "X.java", "import org.ddlm.diffusion.sampler.GaussianStream;").size());
        assertEquals(1, upwardUses("net", "Y.java", "String f = org.ddlm.diffusion.ddlm.NoiseCalibration.FILE;")
                .size());
        assertEquals(1, upwardUses("net", "Z.java", "import org.ddlm.diffusion.sampler.Progress;").size(),
                "same layer, other package: a sideways arrow is a possible cycle");
        assertEquals(0, upwardUses("ddlm", "W.java", "import org.ddlm.diffusion.model.Denoiser;").size());
    }
}
