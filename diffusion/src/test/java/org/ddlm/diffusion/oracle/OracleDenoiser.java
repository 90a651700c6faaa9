package org.ddlm.diffusion.oracle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.function.DoubleUnaryOperator;
import org.ddlm.diffusion.model.DeclaredDenoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Vp;

/**
 * A float64 denoiser from a closed-form posterior mean applied per pixel, answering in any
 * prediction type (algorithms.md §4). The output has x's shape and data type.
 */
public abstract class OracleDenoiser extends DeclaredDenoiser implements PosteriorMean {

    protected OracleDenoiser(Schedule schedule, Prediction prediction) {
        super(prediction, schedule, new IntensityMapping(0.0, 1.0)); // model units are the image units
    }

    /** ε*(x) = (x − α·x̂0*)/σ. */
    public double eps(double x, double lambda) {
        return (x - Vp.alpha(lambda) * x0(x, lambda)) / Vp.sigma(lambda);
    }

    /** v* = α·ε* − σ·x̂0*. */
    public double v(double x, double lambda) {
        return Vp.alpha(lambda) * eps(x, lambda) - Vp.sigma(lambda) * x0(x, lambda);
    }

    /** ∇ log p_λ(x) = −ε*·(1/σ). */
    public double score(double x, double lambda) {
        return -eps(x, lambda) / Vp.sigma(lambda);
    }

    /**
     * x ↦ x̂0*(x, λ) at one fixed λ; oracles override it to hoist per-λ constants out of the pixel loop.
     */
    protected DoubleUnaryOperator posteriorMeanAt(double lambda) {
        return x -> x0(x, lambda);
    }

    @Override
    public NDArray predict(NDArray x, double[] time) {
        double[] values = x.toType(DataType.FLOAT64, false).toDoubleArray();
        int batch = time.length;
        int perElement = values.length / batch;
        for (int b = 0; b < batch; b++) {
            double lambda = schedule().lambda(time[b]);
            double a = Vp.alpha(lambda);
            double sg = Vp.sigma(lambda);
            DoubleUnaryOperator mean = posteriorMeanAt(lambda);
            for (int k = b * perElement; k < (b + 1) * perElement; k++) {
                double xk = values[k];
                double x0 = mean.applyAsDouble(xk);
                double eps = (xk - a * x0) / sg;
                values[k] = switch (prediction()) {
                    case EPS -> eps;
                    case X0 -> x0;
                    case V -> a * eps - sg * x0;
                };
            }
        }
        NDArray out = x.getManager().create(values, x.getShape());
        return out.getDataType() == x.getDataType() ? out : out.toType(x.getDataType(), false);
    }
}
