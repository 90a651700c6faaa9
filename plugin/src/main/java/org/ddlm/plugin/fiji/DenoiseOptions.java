package org.ddlm.plugin.fiji;

import java.nio.file.Path;
import java.util.Locale;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.plugin.workflow.DenoiseSettingsBuilder;
import org.ddlm.plugin.workflow.Samplers;
import org.ddlm.plugin.workflow.UserException;

/**
 * What the Denoise dialog (or its SciJava twin) asks for. The DDLM settings go through the CLI's option parser, so
 * a Fiji run and {@code ddlm denoise} with the same values mean the same thing.
 *
 * @param folder          the input series when {@code currentImage} is false
 * @param timeFactor      c_t, or 0 for the prior's c_t at each slice's measured noise texture
 * @param sigmaNHu        the excess noise in HU, or 0 to estimate it per slice
 * @param normalDoseNoise the protocol's normal-dose noise in HU (what {@code ddlm noise} reads on a normal-dose
 *                        scan), taken off each slice's total noise; 0 for the prior's own level
 * @param output          folder for a DICOM series, or null to write nothing
 * @param uncertainty     also make a stack of the per-pixel spread across the mirror views/members (HU)
 */
record DenoiseOptions(boolean currentImage, Path folder, String model, String sampler, int steps,
                      String conditioning, double zeta, double timeFactor, int flips, long seed, int batch,
                      double sigmaNHu, double normalDoseNoise, String device, Path output, boolean overwrite,
                      boolean show, boolean uncertainty) {

    /** The sampler names, the default first. */
    static final String[] SAMPLERS = Samplers.choices();
    static final String[] FLIPS = org.ddlm.diffusion.ddlm.DdlmSettings.FLIPS.stream().map(String::valueOf)
            .toArray(String[]::new);
    static final String[] CONDITIONINGS = DenoiseSettingsBuilder.CONDITIONINGS.toArray(String[]::new);
    static final String[] DEVICES = {"auto", "cpu", "gpu"};

    DdlmSettings settings() throws UserException {
        return new DenoiseSettingsBuilder().sampler(sampler).steps(steps).conditioning(conditioning).zeta(zeta)
                .timeFactor(fixedTimeFactor()).flips(flips).seed(seed).build();
    }

    /** The noise level for {@code SeriesDenoiser.run}: null asks it to estimate. */
    Double fixedSigma() throws UserException {
        return levelOrNull(sigmaNHu, "the noise level", "estimate");
    }

    /** The protocol's normal-dose noise for {@code DenoiseRequest}: null for the prior's. */
    Double givenNormalDoseNoise() throws UserException {
        return levelOrNull(normalDoseNoise, "the normal-dose noise", "the prior's");
    }

    /** A dialog's level in HU, where 0 means "not given" (null). */
    private static Double levelOrNull(double hu, String what, String zeroMeans) throws UserException {
        if (!(hu >= 0) || Double.isInfinite(hu)) {
            throw new UserException(what + " must be a number >= 0 HU (0 = " + zeroMeans + "), got " + hu);
        }
        return hu == 0 ? null : hu;
    }

    /** c_t for {@code SeriesDenoiser.run}: null asks it to follow each slice's noise texture. */
    Double fixedTimeFactor() {
        return timeFactor == 0 ? null : timeFactor;
    }

    String describe() {
        return String.format(Locale.ROOT, "model %s, sampler %s, %d steps, %s (zeta %s), c_t %s, flips %d, seed %d, "
                + "batch %d, noise %s, normal-dose noise %s", model, sampler, steps, conditioning, zeta,
                timeFactor == 0 ? "by texture" : Double.toString(timeFactor), flips, seed, batch,
                sigmaNHu == 0 ? "estimated" : sigmaNHu + " HU",
                normalDoseNoise == 0 ? "the prior's" : normalDoseNoise + " HU");
    }
}
