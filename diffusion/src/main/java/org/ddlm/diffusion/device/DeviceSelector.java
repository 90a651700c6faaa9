package org.ddlm.diffusion.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.ddlm.diffusion.model.ModelException;

/**
 * Turns a {@link DeviceChoice} into a DJL device: the first GPU when DJL reports one
 * (unless the user asked for the CPU), otherwise the CPU.
 */
public final class DeviceSelector {

    private DeviceSelector() {}

    /** Selects against the GPUs the PyTorch engine reports (starts the engine if needed). */
    public static Device select(DeviceChoice choice) throws ModelException {
        if (choice == DeviceChoice.CPU) {
            // No GPU query: on a machine with a CUDA runtime but no driver, DJL warns on every query.
            return Device.cpu();
        }
        return select(choice, TorchRuntime.engine().getGpuCount());
    }

    /**
     * The selection rule on its own, so it can be tested without a GPU.
     *
     * @param gpuCount number of GPUs the engine can use
     */
    public static Device select(DeviceChoice choice, int gpuCount) throws ModelException {
        switch (choice) {
            case CPU:
                return Device.cpu();
            case GPU:
                if (gpuCount < 1) {
                    throw new ModelException("A GPU was requested (--device gpu) but the PyTorch engine "
                            + "reports none: this build may carry CPU-only natives (build with -Pcuda), "
                            + "or no NVIDIA driver is visible. Use --device cpu or --device auto.");
                }
                return Device.gpu(0);
            case AUTO:
                return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
            default:
                throw new IllegalArgumentException(String.valueOf(choice));
        }
    }
}
