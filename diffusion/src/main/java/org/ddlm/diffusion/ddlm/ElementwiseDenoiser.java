package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.ForwardingDenoiser;

/**
 * Calls the wrapped model once per batch element and stacks the answers. PyTorch's float32 CPU
 * convolutions pick kernels by batch size (measured: conv2d of one element alone vs inside a batch of 3
 * differs by ≈ 1e-6 relative), so this is what makes CPU results bitwise independent of batch size and
 * composition (algorithms.md §6.7). Autograd flows through the slicing and concatenation.
 */
public final class ElementwiseDenoiser extends ForwardingDenoiser {

    public ElementwiseDenoiser(Denoiser inner) {
        super(inner);
    }

    @Override
    public NDArray predict(NDArray x, double[] time) {
        if (time.length == 1) {
            return inner().predict(x, time);
        }
        NDList parts = new NDList(time.length);
        for (int b = 0; b < time.length; b++) {
            parts.add(inner().predict(x.get(b + ":" + (b + 1)), new double[] {time[b]}));
        }
        return NDArrays.concat(parts, 0);
    }
}
