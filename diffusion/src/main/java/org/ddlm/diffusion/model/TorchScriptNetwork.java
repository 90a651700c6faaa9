package org.ddlm.diffusion.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A network trained elsewhere and exported with TorchScript ({@code torch.jit.script} or
 * {@code torch.jit.trace}), run by DJL's PyTorch engine. Its {@code forward(x, u)} must take
 * {@code x [B,1,H,W]} and the fractional schedule index {@code u [B]} (float32) and return
 * {@code [B,1,H,W]}; everything else about it comes from its {@link ModelSpec} sidecar.
 */
public final class TorchScriptNetwork implements Network {

    private final Model model;
    private final Block block;
    private final ModelSpec spec;
    private final String source;

    private TorchScriptNetwork(Model model, ModelSpec spec, String source) {
        this.model = model;
        this.block = model.getBlock();
        this.spec = spec;
        this.source = source;
    }

    /** Loads the sidecar and the TorchScript file it names onto {@code device}. */
    public static TorchScriptNetwork load(Path sidecar, Device device) throws ModelException {
        ModelSpec spec = ModelSpec.read(sidecar);
        if (!ModelSpec.FORMAT_TORCHSCRIPT.equals(spec.format())) {
            throw new ModelException("Model sidecar " + sidecar + " declares format '" + spec.format()
                    + "', not " + ModelSpec.FORMAT_TORCHSCRIPT + ".");
        }
        return load(spec.weightsPath(sidecar), spec, device);
    }

    /** Loads a TorchScript file with an already-read declaration. */
    public static TorchScriptNetwork load(Path weights, ModelSpec spec, Device device) throws ModelException {
        Model model = Model.newInstance(weights.getFileName().toString(), device, "PyTorch");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
            // mapLocation: put the weights on the model's device, whatever device they were saved from
            model.load(in, Map.of("mapLocation", "true"));
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new ModelException("Cannot load TorchScript model " + weights + ": " + e.getMessage()
                    + " (it must be saved with torch.jit.save; PyTorch " + "2.5.1 reads files from 1.x and 2.x)", e);
        }
        return new TorchScriptNetwork(model, spec, weights.toString());
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public NDArray forward(NDArray x, NDArray u) {
        Shape shape = x.getShape();
        int multiple = spec.sizeMultiple();
        if (shape.dimension() != 4 || shape.get(1) != 1 || shape.get(2) % multiple != 0 || shape.get(3) % multiple != 0) {
            throw new IllegalArgumentException("TorchScript model " + source + " takes [B,1,H,W] with H and W "
                    + "multiples of " + multiple + "; got " + shape + " (pad by reflection first)");
        }
        NDManager caller = x.getManager();
        try (NDManager pass = caller.newSubManager()) {
            pass.tempAttachAll(x, u);
            NDArray out = block.forward(new ParameterStore(pass, false), new NDList(x, u), false).head();
            if (!out.getShape().equals(shape)) {
                throw new IllegalStateException("TorchScript model " + source + " returned " + out.getShape()
                        + " for input " + shape + "; it must return the input's shape");
            }
            out.attach(caller);
            return out;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
