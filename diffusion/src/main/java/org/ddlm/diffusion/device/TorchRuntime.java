package org.ddlm.diffusion.device;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import org.ddlm.diffusion.model.ModelException;

/**
 * Starts DJL's PyTorch engine with chosen thread counts.
 *
 * <p>DJL reads {@value #INTRA_OP_PROPERTY} and {@value #INTER_OP_PROPERTY} once, when the
 * engine starts, so {@link #start} sets them first. If the engine was already started by other
 * code, the intra-op count is changed in place (PyTorch allows that at any time); the inter-op
 * count can be set only once per process and before inter-op work starts (DJL sets it at start
 * when the property is present), so a later change is reported as an error. Set thread counts
 * before the first model is loaded.
 */
public final class TorchRuntime {

    public static final String ENGINE_NAME = "PyTorch";
    public static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";
    public static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private TorchRuntime() {}

    /** The PyTorch engine, started with whatever thread settings are in place. */
    public static Engine engine() throws ModelException {
        try {
            return Engine.getEngine(ENGINE_NAME);
        } catch (EngineException | IllegalArgumentException e) {
            throw new ModelException("The DJL PyTorch engine could not start: " + e.getMessage()
                    + ". It needs the pytorch-native jar on the class path (or natives in DJL_CACHE_DIR);"
                    + " offline runs need -Dai.djl.offline=true and a matching natives jar.", e);
        }
    }

    /**
     * Applies the thread counts and starts the engine, with gradients off on the calling thread (as DJL expects).
     *
     * @return the counts PyTorch reports afterwards
     */
    public static synchronized ThreadCounts start(ThreadCounts wanted) throws ModelException {
        wanted.check();
        System.setProperty(INTRA_OP_PROPERTY, Integer.toString(wanted.intraOp()));
        System.setProperty(INTER_OP_PROPERTY, Integer.toString(wanted.interOp()));
        engine();
        // PyTorch's grad mode is per thread, and DJL turns it off only on the thread that started the engine. Work on
        // another thread (Fiji runs each command on its own) would record gradients, and the trainer's in-place
        // parameter writes would then fail ("a leaf Variable that requires grad ...").
        JniUtils.setGradMode(false);
        if (JniUtils.getNumThreads() != wanted.intraOp()) {
            JniUtils.setNumThreads(wanted.intraOp());
        }
        if (JniUtils.getNumInteropThreads() != wanted.interOp()) {
            try {
                JniUtils.setNumInteropThreads(wanted.interOp());
            } catch (EngineException e) {
                throw new ModelException("PyTorch already runs " + JniUtils.getNumInteropThreads()
                        + " inter-op threads and cannot change that after it has started work; set -D"
                        + INTER_OP_PROPERTY + "=" + wanted.interOp() + " on the command line instead.", e);
            }
        }
        return current();
    }

    /** The thread counts PyTorch uses now (starts the engine if needed). */
    public static ThreadCounts current() throws ModelException {
        engine();
        return new ThreadCounts(JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
    }
}
