package org.ddlm.plugin.fiji;

import ij.ImagePlus;

/**
 * The part every menu command shares, ImageJ 1 plugin and SciJava command alike: run the work on ImageJ's progress
 * bar, and on failure say so on the status line and report the error the ImageJ way ({@link FijiErrors}). The
 * outcome carries the failure's reason too, so a SciJava command can cancel its module with it.
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

    /**
     * How the work ended.
     *
     * @param image   the image it made, or null
     * @param failure why it failed (already reported), or null when it succeeded
     */
    record Outcome(ImagePlus image, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    static Outcome run(String title, Work work) {
        return make(title, progress -> {
            work.run(progress);
            return null;
        });
    }

    /** Runs the work and shows its image when {@code show} is set. */
    static Outcome showing(String title, boolean show, ImageWork work) {
        return make(title, progress -> {
            ImagePlus result = work.run(progress);
            if (show) {
                result.show();
            }
            return result;
        });
    }

    private static Outcome make(String title, ImageWork work) {
        IjProgress progress = new IjProgress(title);
        try {
            return new Outcome(work.run(progress), null);
        } catch (Exception e) {
            progress.finish("failed");
            return new Outcome(null, FijiErrors.report(title, e));
        }
    }
}
