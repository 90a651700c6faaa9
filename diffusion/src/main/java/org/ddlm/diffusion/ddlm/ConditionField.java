package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;

/**
 * The data-term gradient ∇_x̄ L(x̄, σ̄) in the scaled state x̄ = x/α, used by the condition substeps of
 * splitting (algorithms.md §6.6). At σ̄ = 0, x̂0 = x̄ and ∇_x̄ L = −(y − x̄)/σ_n² needs no model.
 */
public interface ConditionField {

    /**
     * @param xBar     the scaled state [B, …]
     * @param sigmaBar σ̄ per element, all &gt; 0 or all 0
     * @return ∇_x̄ L, in xBar's manager
     */
    NDArray gradient(NDArray xBar, double[] sigmaBar);
}
