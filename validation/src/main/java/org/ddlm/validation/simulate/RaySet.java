package org.ddlm.validation.simulate;

/**
 * The line of every ray of a scan, in the normal form {@code x cos(theta) + y sin(theta) = s} (mm), laid out like a
 * {@link Sinogram}: index {@code view * channels + channel}. Both geometries reduce to this form, so one projector
 * serves both.
 */
public record RaySet(int views, int channels, double[] cosTheta, double[] sinTheta, double[] s) {

    public RaySet {
        int n = views * channels;
        if (cosTheta.length != n || sinTheta.length != n || s.length != n) {
            throw new IllegalArgumentException("ray arrays must hold views x channels = " + n + " values");
        }
    }

    public int size() {
        return cosTheta.length;
    }

    /** A coordinate of the ray of view {@code view} through channel {@code channel}. */
    @FunctionalInterface
    public interface Coordinate {
        double of(int view, int channel);
    }

    /** The rays whose normal lies at angle theta (rad) and whose distance from the isocentre is s (mm). */
    public static RaySet of(int views, int channels, Coordinate theta, Coordinate s) {
        int n = views * channels;
        double[] cos = new double[n];
        double[] sin = new double[n];
        double[] dist = new double[n];
        for (int v = 0; v < views; v++) {
            for (int c = 0; c < channels; c++) {
                int i = v * channels + c;
                double angle = theta.of(v, c);
                cos[i] = Math.cos(angle);
                sin[i] = Math.sin(angle);
                dist[i] = s.of(v, c);
            }
        }
        return new RaySet(views, channels, cos, sin, dist);
    }
}
