package org.ddlm.diffusion.oracle;

/** A per-pixel closed-form denoiser x̂0*(x, λ) = E[x0 | x_λ = x], the input of the exact references. */
@FunctionalInterface
public interface PosteriorMean {

    double x0(double x, double lambda);
}
