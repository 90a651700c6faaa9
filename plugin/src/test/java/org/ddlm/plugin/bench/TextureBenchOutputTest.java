package org.ddlm.plugin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The texture bench's summary: the acceptance counts over all cases and over those within the stated dose range. */
class TextureBenchOutputTest {

    /** A one-slice case whose ddlm PSNR is {@code gain} above its input's, estimate right or 2x, effective dose. */
    private static TextureCase oneSlice(double gain, boolean estimateRight, double effectiveDose) {
        Score input = new Score(30.0, 0.8, 40.0, 0.9);
        Score ddlm = new Score(30.0 + gain, 0.85, 40.0 + gain, 0.92);
        Score baseline = new Score(30.5, 0.82, 40.5, 0.91);
        double trueSigma = 10.0;
        double estimate = estimateRight ? 10.5 : 20.0;
        double normal = trueSigma * Math.sqrt(effectiveDose / (1 - effectiveDose));
        return new TextureCase("s", "hann/fan", 0.5, 0.8, 1, trueSigma, estimate,
                Math.abs(estimate / trueSigma - 1), estimateRight ? 1 : 0, 0.5, 1.8, input, ddlm, gain < 0 ? 1 : 0,
                0, 0, baseline, "s=1 px", baseline, "lambda=1", null,
                new TextureCase.TotalNoise(normal, Math.hypot(trueSigma, normal), Math.hypot(estimate, normal), 1),
                estimateRight ? 0 : 1, effectiveDose);
    }

    @Test
    void casesAboveHalfTheScansOwnDoseAreCountedApart() {
        TextureCase realLowDose = oneSlice(3.0, true, 0.2);
        TextureCase atHalf = oneSlice(2.0, true, 0.5);
        TextureCase smallExcessOnANoisyScan = oneSlice(-1.0, false, 0.84);
        assertTrue(realLowDose.withinStatedDose());
        assertTrue(atHalf.withinStatedDose());
        assertFalse(smallExcessOnANoisyScan.withinStatedDose());

        JsonObject all = TextureBenchOutput.summary(List.of(realLowDose, smallExcessOnANoisyScan, atHalf));
        assertEquals(3, all.get("cases").getAsInt());
        assertEquals(2, all.get("estimate_within_15pct_slices").getAsInt());
        assertEquals(2, all.get("cases_gain_at_least_1p5_db").getAsInt());
        assertEquals(1, all.get("slices_below_input_psnr").getAsInt());
        assertEquals(1, all.get("slices_floor_capped").getAsInt());
        assertEquals(1, all.get("cases_with_a_slice_beyond_25pct").getAsInt());

        JsonObject stated = all.getAsJsonObject("at_effective_dose_50pct_or_less");
        assertEquals(2, stated.get("cases").getAsInt());
        assertEquals(2, stated.get("estimate_within_15pct_slices").getAsInt());
        assertEquals(2, stated.get("cases_gain_at_least_1p5_db").getAsInt());
        assertEquals(0, stated.get("slices_below_input_psnr").getAsInt());
        assertEquals(0, stated.get("cases_with_a_slice_beyond_25pct").getAsInt());
        assertFalse(stated.has("at_effective_dose_50pct_or_less"), "one level of subset only");
    }
}
