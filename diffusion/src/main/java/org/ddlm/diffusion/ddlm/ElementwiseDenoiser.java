package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.Schedule;

/**
 * Calls the wrapped model once per batch element and stacks the answers. PyTorch's float32 CPU
 * convolutions pick kernels by batch size (measured: conv2d of one element alone vs inside a batch of 3
 * differs by ≈ 1e-6 relative), so this is what makes CPU results bitwise independent of batch size and
 * composition (algorithms.md §6.7). Autograd flows through the slicing and concatenation.
 */
public final class ElementwiseDenoiser implements Denoiser {

    private final Denoiser inner;

    public ElementwiseDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public Prediction prediction() {
        return inner.prediction();
    }

    @Override
    public Schedule schedule() {
        return inner.schedule();
    }

    @Override
    public IntensityMapping intensity() {
        return inner.intensity();
    }

    @Override
    public int sizeMultiple() {
        return inner.sizeMultiple();
    }

    @Override
    public NDArray predict(NDArray x, double[] time) {
        if (time.length == 1) {
            return inner.predict(x, time);
        }
        NDList parts = new NDList(time.length);
        for (int b = 0; b < time.length; b++) {
            parts.add(inner.predict(x.get(b + ":" + (b + 1)), new double[] {time[b]}));
        }
        return NDArrays.concat(parts, 0);
    }
}
