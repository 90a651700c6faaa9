package org.ddlm.plugin.fiji;

import ij.ImagePlus;

/**
 * The part every menu command shares, ImageJ 1 plugin and SciJava command alike: run the work on ImageJ's progress
 * bar, and on failure say so on the status line and report the error the ImageJ way ({@link FijiErrors}).
 */
final class MenuRun {
    private MenuRun() {
    }

    /** A command's work; any exception it throws is reported, not rethrown. */
    interface Work {
        void run(IjProgress progress) throws Exception;
    }

    /** A command's work that makes an image. */
    interface ImageWork {
        ImagePlus run(IjProgress progress) throws Exception;
    }

    static void run(String title, Work work) {
        IjProgress progress = new IjProgress(title);
        try {
            work.run(progress);
        } catch (Exception e) {
            progress.finish("failed");
            FijiErrors.report(title, e);
        }
    }

    /** Runs the work and shows its image when {@code show} is set. */
    static void showing(String title, boolean show, ImageWork work) {
        run(title, progress -> {
            ImagePlus result = work.run(progress);
            if (show) {
                result.show();
            }
        });
    }
}
