package org.ddlm.plugin.fiji;

/**
 * Runs library calls that may start DJL with the plugin's class loader as the thread's context class loader. ImageJ
 * loads plugins through its own class loader while DJL finds its engine through the context loader; a thread that
 * looks there first fails, and DJL caches that failure for the whole session.
 */
final class DjlContext {
    private DjlContext() {
    }

    /** Work that may throw what the library throws. */
    interface Work<T> {
        T call() throws Exception;
    }

    static <T> T call(Work<T> work) throws Exception {
        // Fiji has no business downloading engines at run time: the overlay carries the natives.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlContext.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
