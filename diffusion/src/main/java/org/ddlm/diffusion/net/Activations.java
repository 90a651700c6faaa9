package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Small element-wise helpers shared by the blocks. */
final class Activations {

    private Activations() {}

    /** SiLU (swish): {@code x · sigmoid(x)}. */
    static NDArray silu(NDArray x) {
        return Activation.sigmoid(x).mul(x);
    }
}
