package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ddlm.diffusion.schedule.Schedule;

/**
 * Plugs a raw {@link Network} into the samplers: adds the declared prediction type, schedule and
 * intensity mapping, and passes the per-element times as the float32 vector the network expects.
 * The network's output comes back in the input's data type.
 */
public final class NetworkDenoiser extends DeclaredDenoiser {

    private final Network network;
    private final int sizeMultiple;
    private final long passLimit;

    public NetworkDenoiser(Network network, Prediction prediction, Schedule schedule,
                           IntensityMapping intensity, int sizeMultiple) {
        this(network, prediction, schedule, intensity, sizeMultiple, 0);
    }

    private NetworkDenoiser(Network network, Prediction prediction, Schedule schedule,
                            IntensityMapping intensity, int sizeMultiple, long passLimit) {
        super(prediction, schedule, intensity);
        if (sizeMultiple < 1) {
            throw new IllegalArgumentException("size multiple must be >= 1, got " + sizeMultiple);
        }
        this.network = network;
        this.sizeMultiple = sizeMultiple;
        if (passLimit < 0) {
            throw new IllegalArgumentException("pass limit must be >= 0 pixels, got " + passLimit);
        }
        this.passLimit = passLimit;
    }

    /** The same network and declarations, its passes limited to {@code maxPixels} (it is not copied). */
    @Override
    public Denoiser withPassLimit(long maxPixels) {
        return new NetworkDenoiser(network, prediction(), schedule(), intensity(), sizeMultiple, maxPixels);
    }

    @Override
    public int sizeMultiple() {
        return sizeMultiple;
    }

    public Network network() {
        return network;
    }

    @Override
    public NDArray predict(NDArray x, double[] time) {
        float[] u = new float[time.length];
        for (int b = 0; b < u.length; b++) {
            u[b] = (float) time[b];
        }
        NDArray uArray = x.getManager().create(u);
        if (!uArray.getDevice().equals(x.getDevice())) {
            uArray = uArray.toDevice(x.getDevice(), false);
        }
        NDArray input = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        NDArray out = network.forward(input, uArray, passLimit);
        return out.getDataType() == x.getDataType() ? out : out.toType(x.getDataType(), false);
    }
}
