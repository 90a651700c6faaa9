package org.ddlm.diffusion.sampler;

/** Progress reports from long library calls; the CLI draws a bar, Fiji calls IJ.showProgress. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> { };

    void update(int done, int total);
}
