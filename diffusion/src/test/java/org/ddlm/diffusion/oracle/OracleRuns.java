package org.ddlm.diffusion.oracle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.sampler.Sampler;
import org.ddlm.diffusion.sampler.SamplingDriver;
import org.ddlm.diffusion.sampler.StepHook;
import org.ddlm.diffusion.schedule.TimeGrid;

/** Float64 runs of the real sampler code on a batch of scalar pixels (one per start point). */
public final class OracleRuns {

    private OracleRuns() {
    }

    public static NDArray vector(NDManager manager, double[] values) {
        return manager.create(values, new Shape(values.length)).toType(DataType.FLOAT64, false);
    }

    /** Each start value is one batch element of one pixel; all share the grid. */
    public static double[] run(Sampler sampler, Denoiser denoiser, double[] start, double[] times, boolean toData,
                               StepHook hook) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = vector(manager, start);
            TimeGrid grid = TimeGrid.shared(times, toData, start.length);
            NDArray out = new SamplingDriver(sampler).hook(hook).run(denoiser, x, grid);
            return out.toDoubleArray();
        }
    }

    public static double[] run(Sampler sampler, Denoiser denoiser, double[] start, double[] times, boolean toData) {
        return run(sampler, denoiser, start, times, toData, null);
    }

    public static double maxAbsDiff(double[] a, double[] b) {
        double m = 0.0;
        for (int k = 0; k < a.length; k++) {
            m = Math.max(m, Math.abs(a[k] - b[k]));
        }
        return m;
    }

    /** Minus the least-squares slope of log E against log N. */
    public static double order(int[] n, double[] errors) {
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n.length; k++) {
            mx += Math.log(n[k]);
            my += Math.log(errors[k]);
        }
        mx /= n.length;
        my /= n.length;
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < n.length; k++) {
            double dx = Math.log(n[k]) - mx;
            sxy += dx * (Math.log(errors[k]) - my);
            sxx += dx * dx;
        }
        return -sxy / sxx;
    }

    /** The 61 protocol start points −3.0, −2.9, …, 3.0. */
    public static double[] protocolStarts() {
        double[] x = new double[61];
        for (int k = 0; k < x.length; k++) {
            x[k] = -3.0 + 0.1 * k;
        }
        return x;
    }
}
