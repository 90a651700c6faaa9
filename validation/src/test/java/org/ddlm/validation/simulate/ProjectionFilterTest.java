package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProjectionFilterTest {

    /**
     * The infinite band-limited ramp kernel has the transform |f| / tau^2 (f in cycles per sample), from
     * sum over odd k of cos(k x)/k^2 = (pi/8)(pi - 2|x|). The truncated kernel must match away from DC, and keep a
     * small positive DC value, the reason to transform the kernel instead of sampling |f|.
     */
    @Test
    void rampResponseMatchesClosedForm() {
        double tau = 0.7;
        ProjectionFilter filter = new ProjectionFilter(300, tau, ReconFilter.RAMP, k -> 1, 1);
        int n = filter.paddedLength();
        assertEquals(1024, n);
        for (int k = 8; k <= n / 2; k += 8) {
            double f = (double) k / n;
            assertEquals(f / (tau * tau), filter.response(k), 2e-3 / (tau * tau), "bin " + k);
        }
        double dc = filter.response(0);
        // The truncated tail of -2/(pi^2 tau^2) sum_{odd k > n/2} 1/k^2 is about 1/(pi^2 tau^2 n/2)... positive.
        assertTrue(dc > 0 && dc < 2.0 / (Math.PI * Math.PI * tau * tau * (n / 2.0)), "DC " + dc);
    }

    @Test
    void windowsMultiplyTheRamp() {
        ProjectionFilter ramp = new ProjectionFilter(100, 1, ReconFilter.RAMP, k -> 1, 1);
        ProjectionFilter hann = new ProjectionFilter(100, 1, ReconFilter.HANN, k -> 1, 1);
        ProjectionFilter sl = new ProjectionFilter(100, 1, ReconFilter.SHEPP_LOGAN, k -> 1, 1);
        ProjectionFilter cosine = new ProjectionFilter(100, 1, ReconFilter.COSINE, k -> 1, 1);
        int n = ramp.paddedLength();
        for (int k = 1; k <= n / 2; k++) {
            double f = (double) k / n;
            assertEquals(ramp.response(k) * 0.5 * (1 + Math.cos(2 * Math.PI * f)), hann.response(k), 1e-12);
            assertEquals(ramp.response(k) * Math.sin(Math.PI * f) / (Math.PI * f), sl.response(k), 1e-12);
            assertEquals(ramp.response(k) * Math.cos(Math.PI * f), cosine.response(k), 1e-12);
        }
        assertEquals(0, hann.response(n / 2), 1e-12);
        assertEquals(ramp.response(n / 2) * 2 / Math.PI, sl.response(n / 2), 1e-12);
    }

    @Test
    void filteringIsLinearConvolutionWithTheKernel() {
        // A unit impulse in channel 5 must come out as the kernel itself centred there, with no wrap-around.
        int channels = 40;
        ProjectionFilter filter = new ProjectionFilter(channels, 1.3, ReconFilter.RAMP, k -> 1, 1.3);
        double[] data = new double[channels];
        data[5] = 1;
        double[] out = filter.apply(new Sinogram(1, channels, data), null, 1).data();
        for (int c = 0; c < channels; c++) {
            assertEquals(ProjectionFilter.rampKernel(Math.abs(c - 5), 1.3) * 1.3, out[c], 1e-12, "channel " + c);
        }
    }

    @Test
    void filterNamesParse() {
        assertEquals(ReconFilter.SHEPP_LOGAN, ReconFilter.parse("shepp-logan"));
        assertEquals(ReconFilter.HANN, ReconFilter.parse("HANN"));
        assertEquals("shepp-logan", ReconFilter.SHEPP_LOGAN.cliName());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ReconFilter.parse("box"));
        assertEquals(ReconFilter.COSINE, ReconFilter.parse("Cosine"));
    }
}
