package org.ddlm.plugin.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ddlm.plugin.denoise.CliRun;

/**
 * Paths to the shared reference data and the bundled samples, a fingerprint of a folder (content hash, size, mtime of
 * every file), and the JSON line of a run.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("ddlm.shared", "../../shared"));
    }

    static List<Path> ctSeries() throws IOException {
        try (Stream<Path> s = Files.list(shared().resolve("data/ct"))) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("LICENSES")).sorted()
                    .toList();
        }
    }

    /** A folder {@code tmp/in} holding one slice (the third) of the bundled 25 % dose abdomen sample. */
    static Path oneLowDoseSlice(Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path f = dicomFiles(DenoiseCommandTest.sample("sim-25pct-dose")).get(2);
        Files.copy(f, in.resolve(f.getFileName()));
        return in;
    }

    /** The one JSON line a run printed on stdout. */
    static JsonObject jsonLine(CliRun run) {
        return JsonParser.parseString(run.out().strip()).getAsJsonObject();
    }

    static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    /** SHA-256, size and modification time of every file under {@code dir}. */
    static Map<String, String> fingerprint(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    try (InputStream in = Files.newInputStream(p)) {
                        md.update(in.readAllBytes());
                    }
                    out.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(md.digest()) + " "
                            + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                } else {
                    out.put(dir.relativize(p) + "/", Files.getLastModifiedTime(p).toMillis() + "");
                }
            }
        }
        return out;
    }
}
