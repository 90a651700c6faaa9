package org.ddlm.validation.simulate;

/**
 * Projection data, one row per view: {@code data[view * channels + channel]}.
 */
public record Sinogram(int views, int channels, double[] data) {

    public Sinogram {
        if (data.length != (long) views * channels) {
            throw new IllegalArgumentException("sinogram data has " + data.length + " values, expected "
                    + views + " x " + channels);
        }
    }

    public static Sinogram zeros(int views, int channels) {
        return new Sinogram(views, channels, new double[views * channels]);
    }
}
