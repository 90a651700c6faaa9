package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ddlm.diffusion.schedule.Schedule;

/**
 * Plugs a raw {@link Network} into the samplers: adds the declared prediction type, schedule and
 * intensity mapping, and passes the per-element times as the float32 vector the network expects.
 * The network's output comes back in the input's data type.
 */
public final class NetworkDenoiser implements Denoiser {

    private final Network network;
    private final Prediction prediction;
    private final Schedule schedule;
    private final IntensityMapping intensity;
    private final int sizeMultiple;

    public NetworkDenoiser(Network network, Prediction prediction, Schedule schedule,
                           IntensityMapping intensity, int sizeMultiple) {
        if (sizeMultiple < 1) {
            throw new IllegalArgumentException("size multiple must be >= 1, got " + sizeMultiple);
        }
        this.network = network;
        this.prediction = prediction;
        this.schedule = schedule;
        this.intensity = intensity;
        this.sizeMultiple = sizeMultiple;
    }

    @Override
    public Prediction prediction() {
        return prediction;
    }

    @Override
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public IntensityMapping intensity() {
        return intensity;
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
        NDArray out = network.forward(input, uArray);
        return out.getDataType() == x.getDataType() ? out : out.toType(x.getDataType(), false);
    }
}
