package org.ddlm.diffusion.device;

import java.util.Locale;
import org.ddlm.diffusion.model.ModelException;

/** What the user asked for with {@code --device}: a CPU, a GPU, or a GPU when there is one. */
public enum DeviceChoice {
    CPU,
    GPU,
    AUTO;

    /** Parses {@code cpu}, {@code gpu} or {@code auto} (any case). */
    public static DeviceChoice parse(String text) throws ModelException {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "cpu":
                    return CPU;
                case "gpu":
                case "cuda":
                    return GPU;
                case "auto":
                    return AUTO;
                default:
                    break;
            }
        }
        throw new ModelException("Unknown device '" + text + "': use cpu, gpu or auto.");
    }
}
