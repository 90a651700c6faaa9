package org.ddlm.validation.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.Padding;
import org.ddlm.validation.metrics.Window;

/**
 * montage.png (metrics.md section 9): one row per chosen slice, columns input | test | reference | difference.
 * Images are linear grey in the window, nearest-neighbour scaled to at least 384 px with the pixel aspect kept;
 * the difference (test - reference) is shown in [-W/4, +W/4] with mid-grey = 0 and a grey scale bar.
 */
final class Montage {

    static final int MIN_PANEL = 384;
    private static final int MARGIN = 20;
    private static final int GAP = 10;
    private static final int HEADER = 34;
    private static final int ROW_LABEL = 30;
    private static final int ROW_GAP = 14;
    private static final int BAR_AREA = 110;
    private static final int FOOTER = 44;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);

    /** A chosen row: the slice's position in the source and why it was chosen. */
    record Row(int position, String reason) {
    }

    private Montage() {
    }

    /**
     * Rows: the slices with the lowest, median and highest test PSNR in the window (identical slices count as
     * highest; empty-mask slices are never chosen), or the requested slice_index values.
     */
    static List<Row> chooseRows(List<SliceEvaluation> slices, int windowIndex, List<Integer> requested)
            throws ReportException {
        List<Row> rows = new ArrayList<>();
        if (requested != null && !requested.isEmpty()) {
            for (int index : requested) {
                int pos = -1;
                for (int i = 0; i < slices.size(); i++) {
                    if (slices.get(i).index() == index) {
                        pos = i;
                    }
                }
                if (pos < 0) {
                    throw new ReportException("montage slice " + index + " is not among the paired slices");
                }
                rows.add(new Row(pos, "requested"));
            }
            return rows;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            if (!Double.isNaN(slices.get(i).row(windowIndex).test().psnrDb())) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble(i -> slices.get(i).row(windowIndex).test().psnrDb()));
        if (order.isEmpty()) {
            return rows;
        }
        Map<Integer, String> chosen = new LinkedHashMap<>();
        chosen.merge(order.get(0), "lowest PSNR", (a, b) -> a + ", " + b);
        chosen.merge(order.get((order.size() - 1) / 2), "median PSNR", (a, b) -> a + ", " + b);
        chosen.merge(order.get(order.size() - 1), "highest PSNR", (a, b) -> a + ", " + b);
        chosen.forEach((pos, why) -> rows.add(new Row(pos, why)));
        return rows;
    }

    static byte[] render(List<SlicePair> pairs, List<Row> rows, List<SliceEvaluation> slices, int windowIndex,
                         Window window, double rowSpacingMm, double columnSpacingMm) throws IOException,
            MetricException {
        boolean hasInput = pairs.stream().anyMatch(p -> p.input() != null);
        List<String> columns = new ArrayList<>();
        if (hasInput) {
            columns.add("input");
        }
        columns.add("test");
        columns.add("reference");
        columns.add("difference (test \u2212 reference)");
        int imgW = pairs.isEmpty() ? 1 : pairs.get(0).reference().image().width();
        int imgH = pairs.isEmpty() ? 1 : pairs.get(0).reference().image().height();
        int[] panel = panelSize(imgW, imgH, columnSpacingMm, rowSpacingMm);
        int pw = panel[0];
        int ph = panel[1];
        int nc = columns.size();
        int width = 2 * MARGIN + nc * pw + (nc - 1) * GAP + BAR_AREA;
        int height = MARGIN + HEADER + rows.size() * (ROW_LABEL + ph + ROW_GAP) + FOOTER;
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(Color.BLACK);
            g.setFont(LABEL);
            for (int c = 0; c < nc; c++) {
                centred(g, columns.get(c), MARGIN + c * (pw + GAP) + pw / 2, MARGIN + HEADER - 10);
            }
            double half = window.width() / 4;
            int y = MARGIN + HEADER;
            for (int r = 0; r < rows.size(); r++) {
                SlicePair p = pairs.get(r);
                HuImage ref = p.reference().image();
                if (ref.width() != imgW || ref.height() != imgH) {
                    throw new MetricException("montage slices differ in size: slice " + p.index() + " is "
                            + ref.width() + "x" + ref.height() + ", not " + imgW + "x" + imgH);
                }
                SliceEvaluation e = slices.get(rows.get(r).position());
                WindowRow m = e.row(windowIndex);
                g.setColor(Color.BLACK);
                g.setFont(TEXT);
                g.drawString(String.format(Locale.ROOT, "slice %d, z = %.2f mm: test PSNR %s dB, SSIM %s%s (%s)",
                        e.index(), e.zMm(), psnr(m.test().psnrDb()), MetricsChart.fmt(m.test().ssim(), 4),
                        m.input() == null ? "" : String.format(Locale.ROOT, "; input PSNR %s dB, SSIM %s",
                                psnr(m.input().psnrDb()), MetricsChart.fmt(m.input().ssim(), 4)),
                        rows.get(r).reason()), MARGIN, y + ROW_LABEL - 9);
                int py = y + ROW_LABEL;
                int col = 0;
                if (hasInput) {
                    draw(g, grey(p.input().image().toDoubles(), imgW, imgH, window.lo(), window.width()), col++, py,
                            pw, ph);
                }
                draw(g, grey(p.test().image().toDoubles(), imgW, imgH, window.lo(), window.width()), col++, py, pw,
                        ph);
                draw(g, grey(ref.toDoubles(), imgW, imgH, window.lo(), window.width()), col++, py,
                        pw, ph);
                Padding.Pair padded = Padding.apply(p.test().image(), ref);
                double[] diff = new double[imgW * imgH];
                for (int i = 0; i < diff.length; i++) {
                    diff[i] = (double) padded.test().hu()[i] - padded.reference().hu()[i];
                }
                draw(g, grey(diff, imgW, imgH, -half, 2 * half), col, py, pw, ph);
                scaleBar(g, MARGIN + nc * (pw + GAP), py, ph, half);
                y = py + ph + ROW_GAP;
            }
            g.setColor(Color.BLACK);
            g.setFont(TEXT);
            g.drawString(String.format(Locale.ROOT, "%s window %s (%s \u2026 %s HU); difference %s \u2026 %s HU,"
                            + " mid-grey = 0; pixel spacing %.4g x %.4g mm", window.name(), window.label(),
                    hu(window.lo()), hu(window.hi()), hu(-half), "+" + hu(half), rowSpacingMm, columnSpacingMm),
                    MARGIN, height - 16);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(canvas, "png", out);
        return out.toByteArray();
    }

    /**
     * Panel size in screen pixels: the physical aspect ratio is kept, the short side is at least 384 px, and the
     * finer pixel direction gets at least one screen pixel per image pixel.
     */
    static int[] panelSize(int imgW, int imgH, double dxMm, double dyMm) {
        double wMm = imgW * dxMm;
        double hMm = imgH * dyMm;
        double k = Math.max(MIN_PANEL / Math.min(wMm, hMm), 1 / Math.min(dxMm, dyMm));
        return new int[] {(int) Math.round(wMm * k), (int) Math.round(hMm * k)};
    }

    /** Linear grey: lo is black, lo + range white; one opaque RGB pixel per image pixel. */
    static BufferedImage grey(double[] v, int w, int h, double lo, double range) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int gv = (int) Math.round(255 * Math.min(Math.max((v[y * w + x] - lo) / range, 0), 1));
                img.setRGB(x, y, (gv << 16) | (gv << 8) | gv);
            }
        }
        return img;
    }

    private static void draw(Graphics2D g, BufferedImage img, int col, int py, int pw, int ph) {
        g.drawImage(img, MARGIN + col * (pw + GAP), py, pw, ph, null);
    }

    private static void scaleBar(Graphics2D g, int x, int py, int ph, double half) {
        int barW = 22;
        for (int i = 0; i < ph; i++) {
            int gv = (int) Math.round(255 * (1 - i / (double) (ph - 1)));
            g.setColor(new Color(gv, gv, gv));
            g.drawLine(x, py + i, x + barW - 1, py + i);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, py, barW - 1, ph - 1);
        g.setFont(TEXT);
        int[] ticks = {py, py + (ph - 1) / 2, py + ph - 1};
        String[] labels = {"+" + hu(half), "0", hu(-half)};
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < 3; i++) {
            g.drawLine(x + barW, ticks[i], x + barW + 6, ticks[i]);
            int ty = Math.min(Math.max(ticks[i] + fm.getAscent() / 2 - 2, py + fm.getAscent()), py + ph);
            g.drawString(labels[i] + " HU", x + barW + 9, ty);
        }
    }

    private static void centred(Graphics2D g, String s, int cx, int baseline) {
        g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, baseline);
    }

    private static String psnr(double v) {
        return v == Double.POSITIVE_INFINITY ? "inf" : MetricsChart.fmt(v, 2);
    }

    /** HU with a real minus sign and no needless decimals. */
    private static String hu(double v) {
        String s = v == Math.rint(v) ? Long.toString(Math.abs((long) v))
                : String.format(Locale.ROOT, "%.1f", Math.abs(v));
        return (v < 0 ? "\u2212" : "") + s;
    }
}
