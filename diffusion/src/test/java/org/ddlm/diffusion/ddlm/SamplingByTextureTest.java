package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.junit.jupiter.api.Test;

class SamplingByTextureTest {

    private static final DiscreteSchedule COSINE = DiscreteSchedule.cosine(1000);

    @Test
    void onlyTheDefaultsAdapt() {
        DdlmSettings d = DdlmSettings.defaults();
        assertTrue(SamplingByTexture.adapts(d));
        // other conditioning, seed or tile still adapt: only the sampling itself is replaced
        assertTrue(SamplingByTexture.adapts(d.withTile(256).withEnsemble(1, 7L, 0.0)));
        assertFalse(SamplingByTexture.adapts(d.withSampler(d.sampler(), 3)));
        assertFalse(SamplingByTexture.adapts(d.withFlips(4)));
        assertFalse(SamplingByTexture.adapts(d.withSampler(new DpmSolver2MSampler(true), 2)));
        assertFalse(SamplingByTexture.adapts(d.withSampler(new org.ddlm.diffusion.sampler.DdimSampler(1.0), 2)));
        assertFalse(SamplingByTexture.adapts(d.withEnsemble(2, 0L, 0.0)));
    }

    @Test
    void sharpNoiseCostsTheSameNetworkEvaluationsAsTheDefaults() {
        DdlmSettings d = DdlmSettings.defaults();
        DdlmSettings sharp = SamplingByTexture.forSharpNoise(d);
        assertTrue(sharp.sampler() instanceof DpmSolver3MSampler);
        assertEquals(3, sharp.steps());
        assertEquals(1, sharp.flips());
        assertEquals(d.zeta(), sharp.zeta());
        assertEquals(d.mode(), sharp.mode());
        assertEquals(d.seed(), sharp.seed());
        // a start at u = 300 of 1000, down to the data as DDLM samples
        TimeGrid two = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 300, 0, d.steps()), true, 1);
        TimeGrid three = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 300, 0, sharp.steps()), true, 1);
        int defaults = d.sampler().evaluations(two) * d.elementsPerSlice();
        int sharpCost = sharp.sampler().evaluations(three) * sharp.elementsPerSlice();
        assertEquals(4, defaults);
        assertEquals(defaults, sharpCost);
    }

    @Test
    void sharpnessFromTheMeasuredProfileOnly() {
        assertTrue(SamplingByTexture.isSharp(new NoiseProfile(60, 61, 40, 0.89)));
        assertTrue(SamplingByTexture.isSharp(new NoiseProfile(20, 22, 10, SamplingByTexture.SHARP_FROM)));
        assertFalse(SamplingByTexture.isSharp(new NoiseProfile(24, 26, 7, 0.45)));
        // 0.65-0.75 (Shepp-Logan, cosine at high dose) keeps the defaults: there one view lost as often as it gained
        assertFalse(SamplingByTexture.isSharp(new NoiseProfile(30, 32, 18, 0.65)));
        assertFalse(SamplingByTexture.isSharp(new NoiseProfile(36, 37, 25, 0.75)));
        assertFalse(SamplingByTexture.isSharp(NoiseProfile.given(30)));
        assertFalse(SamplingByTexture.isSharp(new NoiseProfile(0, 9, 6, Double.NaN)));
    }
}
