package org.ddlm.plugin.fiji;

import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.slf4j.LoggerFactory;

/**
 * Run by {@link DjlContextTest} in a fresh JVM (the engine and the logger start once per JVM): starts DJL through
 * {@link DjlContext} for the device in args[0] and prints what the test checks.
 */
public final class QuietCpuMain {
    private QuietCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        String inside = DjlContext.call(args[0], () -> {
            TorchRuntime.start(new ThreadCounts(1, 1));
            return System.getProperty(DjlContext.OFFLINE);
        });
        System.out.println("offline inside=" + inside);
        System.out.println("offline after=" + System.getProperty(DjlContext.OFFLINE));
        System.out.println("warn enabled=" + LoggerFactory.getLogger(CudaLogQuiet.LOGGER).isWarnEnabled());
    }
}
