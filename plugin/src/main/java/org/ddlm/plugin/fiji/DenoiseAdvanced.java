package org.ddlm.plugin.fiji;

/**
 * The settings behind the Denoise dialog's Advanced choice (macro keys {@code sampler steps conditioning zeta time
 * floor flips seed batch device uncertainty}).
 *
 * @param timeFactor      c_t, or 0 for the prior's c_t at each slice's measured noise texture
 * @param normalDoseNoise the protocol's normal-dose noise in HU, or 0 for the prior's own level
 */
record DenoiseAdvanced(String sampler, int steps, String conditioning, double zeta, double timeFactor,
                       double normalDoseNoise, int flips, long seed, int batch, String device, boolean uncertainty) {
    /** Their macro keys, in dialog order. */
    static final String[] KEYS = {"sampler", "steps", "conditioning", "zeta", "time", "floor", "flips", "seed", "batch",
        "device", "uncertainty"};
}
