package org.ddlm.diffusion.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) without weight decay, on NDArrays. Written here rather than taken from
 * DJL so that its moments can be saved in a checkpoint and restored exactly.
 * Update at step t = 1, 2, …: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε). Scalars are formed in float64, then cast once.
 */
public final class Adam {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final List<NDArray> first;
    private final List<NDArray> second;
    private long updates;

    /** Zero moments shaped like the weights, in the weights' managers. */
    public Adam(List<NDArray> weights, double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        first = new ArrayList<>();
        second = new ArrayList<>();
        for (NDArray w : weights) {
            first.add(w.zerosLike());
            second.add(w.zerosLike());
        }
    }

    public List<NDArray> firstMoments() {
        return first;
    }

    public List<NDArray> secondMoments() {
        return second;
    }

    /** Number of updates made so far (t of the last update). */
    public long updates() {
        return updates;
    }

    /** For restoring a checkpoint together with the moments. */
    public void setUpdates(long updates) {
        this.updates = updates;
    }

    /** One update of every weight (in place) with its gradient. */
    public void update(List<NDArray> weights, List<NDArray> gradients, double learningRate) {
        updates++;
        float keep1 = (float) beta1;
        float take1 = (float) (1.0 - beta1);
        float keep2 = (float) beta2;
        float take2 = (float) (1.0 - beta2);
        float stepSize = (float) (learningRate / (1.0 - Math.pow(beta1, updates)));
        float secondCorrection = (float) (1.0 / (1.0 - Math.pow(beta2, updates)));
        float eps = (float) epsilon;
        for (int i = 0; i < weights.size(); i++) {
            NDArray g = gradients.get(i);
            NDArray m = first.get(i);
            NDArray v = second.get(i);
            try (NDArray part = g.mul(take1)) {
                m.muli(keep1).addi(part);
            }
            try (NDArray part = g.square()) {
                v.muli(keep2).addi(part.muli(take2));
            }
            try (NDArray scaled = v.mul(secondCorrection);
                    NDArray denominator = scaled.sqrt().addi(eps);
                    NDArray step = m.mul(stepSize).divi(denominator)) {
                weights.get(i).subi(step);
            }
        }
    }
}
