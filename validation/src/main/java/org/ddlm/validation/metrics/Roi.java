package org.ddlm.validation.metrics;

/** A region of interest in pixel coordinates of the reference (x = column, y = row), metrics.md section 7. */
public sealed interface Roi permits Roi.Circle, Roi.Rectangle, Roi.CentredCircleMm {

    /** True when the centre of pixel (x, y) lies in the region. */
    boolean contains(int x, int y);

    /** "x,y,r" or "x,y,w,h", as given to {@code --roi}. */
    String describe();

    /** A circle of radius r pixels centred at (cx, cy); a pixel is inside when its centre is at distance &lt;= r. */
    record Circle(double cx, double cy, double r) implements Roi {
        public Circle {
            if (!(r > 0)) {
                throw new IllegalArgumentException("ROI radius must be > 0, got " + r);
            }
        }

        @Override
        public boolean contains(int x, int y) {
            double dx = x - cx;
            double dy = y - cy;
            return dx * dx + dy * dy <= r * r;
        }

        @Override
        public String describe() {
            return num(cx) + "," + num(cy) + "," + num(r);
        }
    }

    /** Columns x..x+w-1 and rows y..y+h-1. */
    record Rectangle(int x, int y, int w, int h) implements Roi {
        public Rectangle {
            if (w <= 0 || h <= 0) {
                throw new IllegalArgumentException("ROI width and height must be > 0, got " + w + "x" + h);
            }
        }

        @Override
        public boolean contains(int px, int py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }

        @Override
        public String describe() {
            return x + "," + y + "," + w + "," + h;
        }
    }

    /**
     * The phantom ROI of metrics.md section 8: a circle of {@code radiusMm} around the centre of a width x height
     * image whose pixels are {@code dxMm} wide and {@code dyMm} high, measured in mm so that it stays round on
     * non-square pixels (the simulator's grid, centred on the isocentre).
     */
    record CentredCircleMm(int width, int height, double dxMm, double dyMm, double radiusMm) implements Roi {
        public CentredCircleMm {
            if (!(radiusMm > 0) || !(dxMm > 0) || !(dyMm > 0)) {
                throw new IllegalArgumentException("ROI radius and pixel spacing must be > 0, got " + radiusMm
                        + " mm on " + dxMm + " x " + dyMm + " mm pixels");
            }
        }

        @Override
        public boolean contains(int x, int y) {
            double mx = (x - (width - 1) / 2.0) * dxMm;
            double my = ((height - 1) / 2.0 - y) * dyMm;
            return mx * mx + my * my <= radiusMm * radiusMm;
        }

        @Override
        public String describe() {
            return "centred circle of " + num(radiusMm) + " mm";
        }
    }

    public static Roi parse(String text) throws MetricException {
        String[] p = text == null ? new String[0] : text.trim().split(",", -1);
        try {
            if (p.length == 3) {
                double r = Double.parseDouble(p[2].trim());
                if (r > 0) {
                    return new Circle(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), r);
                }
            } else if (p.length == 4) {
                int w = Integer.parseInt(p[2].trim());
                int h = Integer.parseInt(p[3].trim());
                if (w > 0 && h > 0) {
                    return new Rectangle(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), w, h);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new MetricException("bad ROI '" + text + "'; use x,y,r (circle) or x,y,w,h (rectangle) in pixels,"
                + " with r, w, h > 0");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
