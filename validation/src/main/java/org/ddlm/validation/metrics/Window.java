package org.ddlm.validation.metrics;

import java.util.List;
import java.util.Locale;

/**
 * A display window in HU (metrics.md section 2). Metrics clip both images to [lo, hi] and use W as the data range.
 *
 * @param name  "abdomen", "wide", "chest", "full" or "custom"
 * @param width W in HU, &gt; 0
 * @param level L in HU
 */
public record Window(String name, double width, double level) {

    public static final Window ABDOMEN = new Window("abdomen", 400, 50);
    public static final Window WIDE = new Window("wide", 2000, 0);
    public static final Window CHEST = new Window("chest", 1500, -600);
    public static final Window FULL = new Window("full", 4095, 1023.5);

    /** The windows of a report when the user names none (metrics.md section 9). */
    public static final List<Window> REPORT_DEFAULTS = List.of(ABDOMEN, WIDE, FULL);

    public Window {
        if (!(width > 0) || !Double.isFinite(width) || !Double.isFinite(level)) {
            throw new IllegalArgumentException("window width must be finite and > 0, level finite: W=" + width
                    + " L=" + level);
        }
    }

    public double lo() {
        return level - width / 2;
    }

    public double hi() {
        return level + width / 2;
    }

    /** Clips to [lo, hi] and shifts by -lo, so values lie in [0, W] (the decision "SSIM offset"). */
    public double clipShift(double hu) {
        return Math.min(Math.max(hu, lo()), hi()) - lo();
    }

    /** "W400/L50", as used in titles and footers. */
    public String label() {
        return "W" + number(width) + "/L" + number(level);
    }

    /**
     * Parses a name (abdomen, wide, chest or lung, full), "W,L" (e.g. "400,50") or "lo:hi" (e.g. "-150:250").
     */
    public static Window parse(String text) throws MetricException {
        if (text == null || text.isBlank()) {
            throw new MetricException("empty window; give a name (abdomen, wide, chest, full), W,L or lo:hi");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "abdomen": return ABDOMEN;
            case "wide": return WIDE;
            case "chest": case "lung": return CHEST;
            case "full": return FULL;
            default: break;
        }
        try {
            if (t.contains(",")) {
                String[] p = t.split(",", -1);
                if (p.length == 2) {
                    double w = Double.parseDouble(p[0].trim());
                    double l = Double.parseDouble(p[1].trim());
                    if (w > 0 && Double.isFinite(w) && Double.isFinite(l)) {
                        return new Window("custom", w, l);
                    }
                    throw new MetricException("window '" + text + "': W must be > 0 and both numbers finite");
                }
            } else if (t.indexOf(':', 1) > 0) {
                // Search from index 1 so that a leading minus sign of lo is never taken for the separator.
                int sep = t.indexOf(':', 1);
                double lo = Double.parseDouble(t.substring(0, sep).trim());
                double hi = Double.parseDouble(t.substring(sep + 1).trim());
                if (Double.isFinite(lo) && Double.isFinite(hi) && hi > lo) {
                    return new Window("custom", hi - lo, (lo + hi) / 2);
                }
                throw new MetricException("window '" + text + "': need lo < hi, both finite");
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new MetricException("unknown window '" + text
                + "'; use abdomen, wide, chest, full, W,L (e.g. 400,50) or lo:hi (e.g. -150:250)");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
