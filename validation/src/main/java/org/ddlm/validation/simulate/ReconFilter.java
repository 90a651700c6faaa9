package org.ddlm.validation.simulate;

import java.util.Locale;

/**
 * Apodisation window of the FBP ramp filter; {@code f} is in cycles per sample, |f| &le; 1/2 (Kak &amp; Slaney,
 * section 3.3).
 */
public enum ReconFilter {
    /** The bare ramp. */
    RAMP,
    /** Ramp times sinc(f). */
    SHEPP_LOGAN,
    /** Ramp times cos(pi f): zero at Nyquist like Hann (which is its square), so between Shepp-Logan and Hann. */
    COSINE,
    /** Ramp times (1 + cos 2 pi f) / 2, which falls to zero at Nyquist. */
    HANN;

    public double window(double f) {
        return switch (this) {
            case RAMP -> 1.0;
            case SHEPP_LOGAN -> f == 0 ? 1.0 : Math.sin(Math.PI * f) / (Math.PI * f);
            case COSINE -> Math.cos(Math.PI * f);
            case HANN -> 0.5 * (1 + Math.cos(2 * Math.PI * f));
        };
    }

    /** The name used on the command line and in {@link DoseSettings#describe()}: ramp, shepp-logan, cosine, hann. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a {@link #cliName()} (case-insensitive; '_' accepted for '-'). */
    public static ReconFilter parse(String name) {
        for (ReconFilter f : values()) {
            if (f.cliName().equalsIgnoreCase(name.trim().replace('_', '-'))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown filter '" + name + "'; use ramp, shepp-logan, cosine or hann");
    }
}
