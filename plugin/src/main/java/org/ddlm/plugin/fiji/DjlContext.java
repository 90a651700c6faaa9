package org.ddlm.plugin.fiji;

import org.ddlm.diffusion.device.DeviceChoice;

/**
 * Runs library calls that may start DJL in the environment they need inside Fiji. The plugin's class loader is the
 * thread's context class loader: ImageJ loads plugins through its own class loader while DJL finds its engine
 * through the context loader; a thread that looks there first fails, and DJL caches that failure for the session.
 * DJL runs offline during the work (the overlay carries the natives), and on a CPU run its GPU probe is quiet.
 */
final class DjlContext {
    static final String OFFLINE = "ai.djl.offline";

    private DjlContext() {
    }

    /** Work that may throw what the library throws. */
    interface Work<T> {
        T call() throws Exception;
    }

    /** Runs the work for the given --device choice (cpu, gpu or auto). */
    static <T> T call(String device, Work<T> work) throws Exception {
        if (DeviceChoice.parse(device) != DeviceChoice.GPU) {
            // A GPU run keeps DJL's warning: it says why no GPU was found.
            CudaLogQuiet.apply();
        }
        // Only for our work, and only when the user has not chosen: other Fiji plugins may use DJL online.
        boolean setOffline = System.getProperty(OFFLINE) == null;
        if (setOffline) {
            System.setProperty(OFFLINE, "true");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlContext.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
            if (setOffline) {
                System.clearProperty(OFFLINE);
            }
        }
    }
}
