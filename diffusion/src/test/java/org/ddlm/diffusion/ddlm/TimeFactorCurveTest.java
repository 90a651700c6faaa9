package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** c_t by sharpness: linear between points, flat beyond them, the smooth end for an unmeasured texture. */
class TimeFactorCurveTest {

    private final TimeFactorCurve curve = new TimeFactorCurve(new double[] {0.25, 0.45, 0.7},
            new double[] {2.5, 2.0, 1.5});

    @Test
    void interpolatesLinearlyAndIsFlatOutside() {
        assertEquals(2.5, curve.at(0.1), 0.0);
        assertEquals(2.5, curve.at(0.25), 0.0);
        assertEquals(2.25, curve.at(0.35), 1e-12);
        assertEquals(2.0, curve.at(0.45), 1e-12);
        assertEquals(1.7, curve.at(0.6), 1e-12);
        assertEquals(1.5, curve.at(0.7), 0.0);
        assertEquals(1.5, curve.at(1.1), 0.0);
        assertEquals(2.5, curve.at(Double.NaN), 0.0);
        assertEquals(1.75, TimeFactorCurve.constant(1.75).at(0.9), 0.0);
    }

    @Test
    void refusesUnorderedOrNonPositivePoints() {
        assertThrows(IllegalArgumentException.class, () -> new TimeFactorCurve(new double[] {0.5, 0.4},
                new double[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> new TimeFactorCurve(new double[] {0.5}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new TimeFactorCurve(new double[] {}, new double[] {}));
    }
}
