package org.ddlm.plugin.cli;

import ai.djl.Device;
import org.ddlm.diffusion.device.DeviceChoice;
import org.ddlm.diffusion.device.DeviceSelector;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.model.ModelException;
import picocli.CommandLine.Option;

/** --device and --threads, shared by the commands that run a network. */
final class DeviceOptions {
    @Option(names = "--device", paramLabel = "D", description = "cpu, gpu or auto (default: gpu when one is present)")
    String device = "auto";

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch (default: all cores)")
    Integer threads;

    /** Starts the engine with the thread count, then picks the device. */
    Device start() throws ModelException {
        TorchRuntime.start(threads == null ? ThreadCounts.defaults() : ThreadCounts.of(threads));
        return DeviceSelector.select(DeviceChoice.parse(device));
    }
}
