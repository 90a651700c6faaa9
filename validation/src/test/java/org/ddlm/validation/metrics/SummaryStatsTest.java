package org.ddlm.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryStatsTest {

    @Test
    void statisticsOfFiniteValuesOnly() {
        SummaryStats s = SummaryStats.of(new double[] {4, 1, Double.POSITIVE_INFINITY, 3, Double.NaN, 2});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-15); // sample SD of 1, 2, 3, 4
        assertEquals(1, s.min());
        assertEquals(2.5, s.median());
        assertEquals(4, s.max());
        assertEquals(3, SummaryStats.of(new double[] {5, 3, 1}).median());
    }

    @Test
    void emptyAndSingleValues() {
        assertTrue(Double.isNaN(SummaryStats.of(new double[] {Double.NaN}).mean()));
        SummaryStats one = SummaryStats.of(new double[] {7});
        assertEquals(7, one.mean());
        assertTrue(Double.isNaN(one.std()));
    }
}
