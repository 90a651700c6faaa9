package org.ddlm.plugin.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** bench.csv: one line per result row, means over the sample's slices. */
public final class BenchCsv {
    public static final List<String> COLUMNS = List.of("sample", "method", "family", "role", "sampler", "steps",
            "conditioning", "parameter", "slices", "nfe", "forwards", "vjps", "cost_units", "seconds_per_slice",
            "psnr_abdomen_db", "ssim_abdomen", "psnr_wide_db", "ssim_wide");

    private BenchCsv() {
    }

    public static void write(Path file, List<BenchResult> results) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS) + "\n");
            for (BenchResult r : results) {
                Score s = r.score();
                w.write(String.join(",", text(r.sample()), text(r.method()), text(r.family()), text(r.role()),
                        text(r.sampler()), Integer.toString(r.steps()), text(r.conditioning()), text(r.parameter()),
                        Integer.toString(r.slices()), num(r.nfe()), num(r.forwards()), num(r.vjps()),
                        num(r.costUnits()), num(r.secondsPerSlice()), num(s.psnrAbdomen()), num(s.ssimAbdomen()),
                        num(s.psnrWide()), num(s.ssimWide())) + "\n");
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** RFC 4180 quoting when needed. */
    private static String text(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
