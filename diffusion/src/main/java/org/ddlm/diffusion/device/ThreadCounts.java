package org.ddlm.diffusion.device;

import org.ddlm.diffusion.model.ModelException;

/**
 * PyTorch CPU threads: intra-op (threads inside one convolution or matrix product) and
 * inter-op (independent operators run side by side, which a single forward pass barely uses).
 */
public record ThreadCounts(int intraOp, int interOp) {

    /** Default: all available cores inside each operator, one inter-op thread. */
    public static ThreadCounts defaults() {
        return new ThreadCounts(Runtime.getRuntime().availableProcessors(), 1);
    }

    /** {@code threads} intra-op threads and one inter-op thread. */
    public static ThreadCounts of(int threads) throws ModelException {
        ThreadCounts counts = new ThreadCounts(threads, 1);
        counts.check();
        return counts;
    }

    void check() throws ModelException {
        if (intraOp < 1 || interOp < 1) {
            throw new ModelException("Thread counts must be at least 1 (got intra-op " + intraOp
                    + ", inter-op " + interOp + ").");
        }
    }
}
