package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.sampler.AroundStep;
import org.ddlm.diffusion.sampler.SamplerState;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.ddlm.diffusion.schedule.Vp;

/**
 * Operator splitting of the guided probability-flow ODE dx̄/dσ̄ = ε̂ + γσ̄∇_x̄ L (Wizadwongsa &amp;
 * Suwajanakorn 2023; algorithms.md §6.6). The sampler takes the diffusion substeps; this class, run
 * around each sampler step, evolves the state along the condition part dx̄/dσ̄ = γσ̄∇_x̄ L.
 * <ul>
 * <li>LIE_TROTTER: after diffusion step i, one condition substep over [σ̄_i → σ̄_{i+1}] (order 1).</li>
 * <li>STRANG: a first half [σ̄_0 → σ̄_{m,0}] before step 0, then after each step i one merged substep
 * [σ̄_{m,i} → σ̄_{m,i+1}] (the last one ends at the grid end); σ̄_{m,i} = (σ̄_i + σ̄_{i+1})/2. Order 2
 * with HEUN substeps and a single-step second-order diffusion sampler (Heun).</li>
 * </ul>
 * Condition substeps: HEUN, k1 = f(x̄, σ̄_a), k2 = f(x̄ + Δk1, σ̄_b), x̄ += Δ(k1 + k2)/2 with
 * f = γσ̄∇_x̄ L (two gradients, k2 = 0 at σ̄_b = 0); FIRST_ORDER, x̄ += γ(σ̄_b² − σ̄_a²)/2·∇_x̄ L(x̄, σ̄_c)
 * at the state's own grid level σ̄_c (one gradient).
 */
public final class Splitting implements AroundStep {

    public enum Scheme {
        LIE_TROTTER,
        STRANG
    }

    public enum Substep {
        HEUN,
        FIRST_ORDER
    }

    private final Scheme scheme;
    private final Substep substep;
    private final double gamma;
    private final ConditionField field;

    public Splitting(Scheme scheme, Substep substep, double gamma, ConditionField field) {
        if (!(gamma >= 0.0)) {
            throw new IllegalArgumentException("guidance gamma must be >= 0, got " + gamma);
        }
        this.scheme = scheme;
        this.substep = substep;
        this.gamma = gamma;
        this.field = field;
    }

    @Override
    public void before(SamplerState state) {
        if (scheme == Scheme.STRANG && state.step() == 0) {
            condition(state, sigmaBar(state, 0), midpoint(state, 0));
        }
    }

    @Override
    public void after(SamplerState state) {
        int i = state.step() - 1; // the step just taken
        if (scheme == Scheme.LIE_TROTTER) {
            condition(state, sigmaBar(state, i), sigmaBar(state, i + 1));
            return;
        }
        boolean last = i + 1 == state.grid().steps();
        condition(state, midpoint(state, i), last ? sigmaBar(state, i + 1) : midpoint(state, i + 1));
    }

    /** σ̄ per element at grid point p; 0 at the data point. */
    private static double[] sigmaBar(SamplerState state, int point) {
        TimeGrid grid = state.grid();
        double[] out = new double[grid.batchSize()];
        if (point >= grid.points()) {
            return out;
        }
        Schedule schedule = state.denoiser().schedule();
        for (int b = 0; b < out.length; b++) {
            out[b] = Vp.sigmaBar(schedule.lambda(grid.time(b, point)));
        }
        return out;
    }

    private static double[] midpoint(SamplerState state, int i) {
        double[] a = sigmaBar(state, i);
        double[] b = sigmaBar(state, i + 1);
        for (int k = 0; k < a.length; k++) {
            a[k] = 0.5 * (a[k] + b[k]);
        }
        return a;
    }

    /** Evolves x̄ = x/α_c (α_c at the state's grid point) over [a → b] and writes x = α_c·x̄ back. */
    private void condition(SamplerState state, double[] a, double[] b) {
        int n = a.length;
        double[] here = sigmaBar(state, state.step());
        double[] alpha = new double[n];
        double[] invAlpha = new double[n];
        for (int k = 0; k < n; k++) {
            alpha[k] = here[k] == 0.0 ? 1.0 : Vp.alpha(-Math.log(here[k]));
            invAlpha[k] = 1.0 / alpha[k];
        }
        try (NDManager scope = state.x().getManager().newSubManager()) {
            NDArray x = state.x().duplicate();
            x.attach(scope);
            NDArray xBar = Coefficients.scale(invAlpha, x);
            NDArray next = substep == Substep.HEUN ? heun(xBar, a, b) : firstOrder(xBar, a, b, here);
            state.replaceX(Coefficients.scale(alpha, next));
        }
    }

    private NDArray heun(NDArray xBar, double[] a, double[] b) {
        int n = a.length;
        double[] one = new double[n];
        double[] c1 = new double[n];
        double[] half1 = new double[n];
        double[] half2 = new double[n];
        boolean toZero = b[0] == 0.0;
        for (int k = 0; k < n; k++) {
            double delta = b[k] - a[k];
            one[k] = 1.0;
            c1[k] = delta * gamma * a[k]; // Δ·k1 = Δγσ̄_a∇
            half1[k] = 0.5 * c1[k];
            half2[k] = 0.5 * delta * gamma * b[k];
        }
        NDArray g1 = field.gradient(xBar, a);
        NDArray euler = Coefficients.combine(one, xBar, c1, g1);
        if (toZero) {
            return Coefficients.combine(one, xBar, half1, g1);
        }
        NDArray g2 = field.gradient(euler, b);
        return Coefficients.combine(one, xBar, half1, g1, half2, g2);
    }

    private NDArray firstOrder(NDArray xBar, double[] a, double[] b, double[] here) {
        int n = a.length;
        double[] one = new double[n];
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            one[k] = 1.0;
            c[k] = gamma * 0.5 * (b[k] * b[k] - a[k] * a[k]);
        }
        return Coefficients.combine(one, xBar, c, field.gradient(xBar, here));
    }
}
