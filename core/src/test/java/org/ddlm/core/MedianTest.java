package org.ddlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void oddCountGivesTheMiddleValueEvenCountTheMeanOfTheTwoMiddleOnes() {
        double[] odd = {9, -1, 4, 7, 2};
        assertEquals(4.0, Median.of(odd), 0.0);
        assertArrayEquals(new double[] {9, -1, 4, 7, 2}, odd, 0.0, "the input is not reordered");
        assertEquals(5.5, Median.of(new double[] {10, 1, 4, 7}), 0.0);
        assertEquals(3.0, Median.of(new double[] {3}), 0.0);
        assertEquals(-0.25, Median.ofSorted(new double[] {-3, -0.5, 0, 8}), 0.0);
    }

    @Test
    void noValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Median.of(new double[0]));
    }
}
