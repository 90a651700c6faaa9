package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.ForwardingDenoiser;
import org.ddlm.diffusion.model.IntensityMapping;

/** A denoiser presented with another intensity mapping and size multiple, remembering the inputs it saw. */
final class Wrapped extends ForwardingDenoiser {

    private final IntensityMapping mapping;
    private final int multiple;
    final List<double[]> firstInputs = new ArrayList<>();
    final List<long[]> shapes = new ArrayList<>();

    Wrapped(Denoiser inner, IntensityMapping mapping, int multiple) {
        super(inner);
        this.mapping = mapping;
        this.multiple = multiple;
    }

    @Override
    public IntensityMapping intensity() {
        return mapping;
    }

    @Override
    public int sizeMultiple() {
        return multiple;
    }

    @Override
    public NDArray predict(NDArray x, double[] time) {
        if (firstInputs.isEmpty()) {
            firstInputs.add(x.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
        }
        shapes.add(x.getShape().getShape());
        return inner().predict(x, time);
    }
}
