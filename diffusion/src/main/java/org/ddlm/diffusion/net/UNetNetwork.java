package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.ddlm.diffusion.model.Network;

/**
 * A {@link UNet} used for inference through the {@link Network} interface.
 *
 * <p>Owns the manager holding the weights (closed with this object) and freezes them, so no
 * autograd graph is recorded. Intermediate arrays of each pass are freed when the pass returns;
 * only the output stays, attached to the manager of {@code x}.
 */
public final class UNetNetwork implements Network {

    private final UNet unet;
    private final NDManager weights;

    /**
     * @param unet an initialised or loaded UNet whose parameters live in {@code weights}
     * @param weights the manager owning the parameters; closed by {@link #close()}
     */
    public UNetNetwork(UNet unet, NDManager weights) {
        if (!unet.isInitialized()) {
            throw new IllegalArgumentException("UNet has no parameters: create or load it first");
        }
        this.unet = unet;
        this.weights = weights;
        unet.freezeParameters(true);
    }

    public UNet unet() {
        return unet;
    }

    @Override
    public NDArray forward(NDArray x, NDArray u) {
        NDManager caller = x.getManager();
        try (NDManager pass = caller.newSubManager()) {
            pass.tempAttachAll(x, u);
            NDArray out = unet.forward(new ParameterStore(pass, false), new NDList(x, u), false)
                    .singletonOrThrow();
            out.attach(caller);
            return out;
        }
    }

    /**
     * Images larger than {@code maxPixels} (per batch element) go through {@link BandedForward}, unless a gradient is
     * being recorded (guidance through the network needs the whole graph anyway) or the UNet has attention.
     */
    @Override
    public NDArray forward(NDArray x, NDArray u, long maxPixels) {
        long pixels = x.getShape().get(2) * x.getShape().get(3);
        if (maxPixels <= 0 || pixels <= maxPixels || x.hasGradient() || !BandedForward.supports(unet)) {
            return forward(x, u);
        }
        NDManager caller = x.getManager();
        try (NDManager pass = caller.newSubManager()) {
            pass.tempAttachAll(x, u);
            NDArray out = BandedForward.forward(unet, new ParameterStore(pass, false), x, u, maxPixels);
            out.attach(caller);
            return out;
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
