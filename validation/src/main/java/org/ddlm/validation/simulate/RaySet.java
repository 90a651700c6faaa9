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
}
