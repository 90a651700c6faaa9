package org.ddlm.diffusion.net;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.ModelSpec;
import org.ddlm.diffusion.model.TorchScriptNetwork;

/**
 * Opens any model by its JSON sidecar (a TorchScript file or a ddlm UNet checkpoint) and saves
 * UNets with a sidecar, so that both kinds are used the same way.
 */
public final class ModelFiles {

    private ModelFiles() {}

    /** Reads the sidecar and loads the weights it names onto {@code device}. */
    public static LoadedNetwork open(Path sidecar, Device device) throws ModelException {
        ModelSpec spec = ModelSpec.read(sidecar);
        Path weights = spec.weightsPath(sidecar);
        if (ModelSpec.FORMAT_TORCHSCRIPT.equals(spec.format())) {
            return new LoadedNetwork(spec, TorchScriptNetwork.load(weights, spec, device));
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            UNet unet = UNetCheckpoint.load(weights, manager);
            int needed = unet.config().sizeMultiple();
            if (spec.sizeMultiple() % needed != 0) {
                throw new ModelException("Model sidecar " + sidecar + " declares size_multiple "
                        + spec.sizeMultiple() + ", but the UNet in " + weights + " needs a multiple of " + needed + ".");
            }
            return new LoadedNetwork(spec, new UNetNetwork(unet, manager));
        } catch (ModelException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Writes the UNet to the weights file the declaration names (relative to the sidecar) and
     * then the sidecar itself. The declared format must be {@value ModelSpec#FORMAT_UNET}.
     */
    public static void saveUNet(UNet unet, ModelSpec spec, Path sidecar) throws ModelException {
        spec.validated(sidecar.toString());
        if (!ModelSpec.FORMAT_UNET.equals(spec.format())) {
            throw new ModelException("A UNet is saved with format " + ModelSpec.FORMAT_UNET + ", not " + spec.format() + ".");
        }
        if (spec.sizeMultiple() % unet.config().sizeMultiple() != 0) {
            throw new ModelException("size_multiple " + spec.sizeMultiple() + " does not suit this UNet, which needs a multiple of "
                    + unet.config().sizeMultiple() + ".");
        }
        UNetCheckpoint.save(unet, spec.weightsPath(sidecar));
        spec.write(sidecar);
    }
}
