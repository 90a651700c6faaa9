package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void sliceStreamIsTheMatchingSequentialSplit() {
        SplittableRandom root = new SplittableRandom(42);
        for (int i = 0; i < 5; i++) {
            SplittableRandom sequential = root.split();
            SplittableRandom direct = SliceRandom.forSlice(42, i);
            for (int k = 0; k < 10; k++) {
                assertEquals(sequential.nextLong(), direct.nextLong(), "slice " + i);
            }
        }
        assertNotEquals(SliceRandom.forSlice(42, 0).nextLong(), SliceRandom.forSlice(42, 1).nextLong());
    }

    @Test
    void boxMullerNormalsHaveUnitMomentsAndGaussianTails() {
        GaussianSource g = new GaussianSource(new SplittableRandom(7));
        int n = 400_000;
        double sum = 0;
        double sum2 = 0;
        double sum4 = 0;
        int beyond196 = 0;
        for (int i = 0; i < n; i++) {
            double z = g.next();
            sum += z;
            sum2 += z * z;
            sum4 += z * z * z * z;
            if (Math.abs(z) > 1.959964) {
                beyond196++;
            }
        }
        assertEquals(0, sum / n, 5 * Math.sqrt(1.0 / n));
        assertEquals(1, sum2 / n, 5 * Math.sqrt(2.0 / n));
        assertEquals(3, sum4 / n, 5 * Math.sqrt(96.0 / n)); // Var(z^4) = 105 - 9
        assertEquals(0.05, (double) beyond196 / n, 5 * Math.sqrt(0.05 * 0.95 / n));
    }
}
