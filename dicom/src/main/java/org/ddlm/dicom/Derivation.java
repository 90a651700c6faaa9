package org.ddlm.dicom;

/**
 * How a derived series came about; drives the description suffix, provenance attributes and dose scaling
 * (dicom.md section 7).
 *
 * @param kind          what was done
 * @param settings      every setting, appended to "ddlm VERSION kind; " in DerivationDescription
 * @param doseFraction  for SIMULATED_DOSE: the fraction a that scales dose attributes; otherwise null
 * @param seriesNumber  explicit SeriesNumber, or null for source + 1000
 */
public record Derivation(Kind kind, String settings, Double doseFraction, Integer seriesNumber) {

    public enum Kind {
        COPY("copy", " [ddlm copy]"),
        DENOISE("denoise", " [DDLM]"),
        /** Per-pixel spread (std, HU) of the views/members a denoised slice was averaged from. */
        UNCERTAINTY("denoise spread", " [DDLM spread]"),
        SIMULATED_DOSE("simulate-dose", null);

        final String command;
        final String suffix;

        Kind(String command, String suffix) {
            this.command = command;
            this.suffix = suffix;
        }
    }

    public static Derivation copy() {
        return new Derivation(Kind.COPY, "HU unchanged", null, null);
    }

    public static Derivation denoise(String settings) {
        return new Derivation(Kind.DENOISE, settings, null, null);
    }

    public static Derivation uncertainty(String settings) {
        return new Derivation(Kind.UNCERTAINTY, "per-pixel standard deviation (HU) across the mirror views and "
                + "ensemble members averaged into the denoised slice, not an image of the patient; " + settings, null,
                null);
    }

    public static Derivation simulatedDose(double fraction, String settings) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("dose fraction must be in (0, 1], got " + fraction);
        }
        return new Derivation(Kind.SIMULATED_DOSE, settings, fraction, null);
    }

    public Derivation withSeriesNumber(Integer number) {
        return new Derivation(kind, settings, doseFraction, number);
    }

    String descriptionSuffix() {
        if (kind == Kind.SIMULATED_DOSE) {
            return " [SIM " + percent() + " dose]";
        }
        return kind.suffix;
    }

    String percent() {
        double p = doseFraction * 100;
        return (Math.abs(p - Math.rint(p)) < 1e-9 ? String.valueOf((long) Math.rint(p)) : String.valueOf(p)) + "%";
    }

    String description() {
        return "ddlm " + DdlmVersion.VERSION + " " + kind.command + "; " + settings;
    }
}
