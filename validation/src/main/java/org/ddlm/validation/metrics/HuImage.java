package org.ddlm.validation.metrics;

/**
 * One 2-D image in HU, row-major, computed in double (metrics.md section 1).
 *
 * @param width  columns
 * @param height rows
 * @param pixels width*height values, pixel (x, y) at y*width + x
 */
public record HuImage(int width, int height, double[] pixels) {

    public HuImage {
        if (width <= 0 || height <= 0 || pixels == null || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, got " + (pixels == null ? "none" : pixels.length));
        }
    }

    public static HuImage of(int width, int height, float[] hu) {
        double[] d = new double[hu.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = hu[i];
        }
        return new HuImage(width, height, d);
    }

    public double at(int x, int y) {
        return pixels[y * width + x];
    }

    public int size() {
        return pixels.length;
    }

    public boolean sameGrid(HuImage other) {
        return width == other.width && height == other.height;
    }
}
