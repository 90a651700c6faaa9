package org.ddlm.diffusion.net;

import org.ddlm.diffusion.model.ModelSpec;
import org.ddlm.diffusion.model.Network;

/** A network together with what its sidecar declares about it. Closing it frees the network. */
public record LoadedNetwork(ModelSpec spec, Network network) implements AutoCloseable {

    @Override
    public void close() {
        network.close();
    }
}
