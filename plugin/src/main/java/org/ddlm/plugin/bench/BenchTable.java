package org.ddlm.plugin.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The aligned text table of a benchmark (one block per sample). */
public final class BenchTable {
    private static final String[] HEAD = {"sample", "method", "sampler", "N", "conditioning / parameter", "role",
            "NFE", "fwd", "vjp", "cost", "s/slice", "PSNR abd", "SSIM abd", "PSNR wide", "SSIM wide"};

    private BenchTable() {
    }

    public static void print(PrintWriter out, List<BenchResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (BenchResult r : results) {
            Score s = r.score();
            boolean net = r.method().equals("ddlm");
            rows.add(new String[] {r.sample(), r.method(), r.sampler(), net ? Integer.toString(r.steps()) : "",
                    net ? r.conditioning() : r.parameter(), r.role(), net ? f("%.0f", r.nfe()) : "0",
                    net ? f("%.0f", r.forwards()) : "", net ? f("%.0f", r.vjps()) : "",
                    net ? f("%.0f", r.costUnits()) : "", f("%.2f", r.secondsPerSlice()),
                    f("%.2f", s.psnrAbdomen()), f("%.4f", s.ssimAbdomen()), f("%.2f", s.psnrWide()),
                    f("%.4f", s.ssimWide())});
        }
        int[] width = new int[HEAD.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                // Text columns left-aligned, numbers right-aligned.
                String cell = i < 6 ? pad(r[i], width[i], true) : pad(r[i], width[i], false);
                sb.append(cell).append(i + 1 < r.length ? "  " : "");
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    private static String pad(String s, int w, boolean left) {
        String fill = " ".repeat(w - s.length());
        return left ? s + fill : fill + s;
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
