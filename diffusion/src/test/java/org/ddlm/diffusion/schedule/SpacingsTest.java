package org.ddlm.diffusion.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Time grids of algorithms.md §1. */
class SpacingsTest {

    private final DiscreteSchedule cosine = DiscreteSchedule.cosine(1000);
    private final ContinuousVpSchedule vp = ContinuousVpSchedule.standard();

    @Test
    void gridsHaveLengthEndpointsAndDecrease() {
        for (int n : new int[] {2, 3, 10, 57}) {
            assertGrid(Spacings.uniform(999, 0, n), n, 999, 0);
            assertGrid(Spacings.lambdaUniform(cosine, 11.85, 0, n), n, 11.85, 0);
            assertGrid(Spacings.karras(cosine, 999, 0, n, Spacings.KARRAS_RHO), n, 999, 0);
            assertGrid(Spacings.lambdaUniform(vp, 0.3, 0.01, n), n, 0.3, 0.01);
            assertGrid(Spacings.karras(vp, 1.0, 1e-3, n, 7.0), n, 1.0, 1e-3);
        }
        assertArrayEquals(new double[] {11.85}, Spacings.lambdaUniform(cosine, 11.85, 0, 1));
    }

    private static void assertGrid(double[] g, int n, double start, double end) {
        assertEquals(n, g.length);
        assertEquals(start, g[0], 0.0);
        assertEquals(end, g[n - 1], 0.0);
        for (int i = 1; i < n; i++) {
            assertTrue(g[i] < g[i - 1], "not decreasing at " + i);
        }
    }

    @Test
    void lambdaUniformHasEqualLambdaSteps() {
        double[] g = Spacings.lambdaUniform(cosine, 500.3, 2.5, 17);
        double h = cosine.lambda(g[1]) - cosine.lambda(g[0]);
        for (int i = 1; i < g.length; i++) {
            assertEquals(h, cosine.lambda(g[i]) - cosine.lambda(g[i - 1]), 1e-12);
        }
    }

    @Test
    void karrasWithRhoOneIsSigmaBarUniform() {
        double[] g = Spacings.karras(vp, 0.8, 0.01, 12, 1.0);
        double step = vp.sigmaBar(g[1]) - vp.sigmaBar(g[0]);
        for (int i = 1; i < g.length; i++) {
            assertEquals(step, vp.sigmaBar(g[i]) - vp.sigmaBar(g[i - 1]), 1e-10);
        }
    }

    @Test
    void leadingAndTrailingReferenceLists() {
        assertArrayEquals(new double[] {900, 800, 700, 600, 500, 400, 300, 200, 100, 0},
                Spacings.leading(1000, 10, 0));
        assertArrayEquals(new double[] {901, 801, 701, 601, 501, 401, 301, 201, 101, 1},
                Spacings.leading(1000, 10, 1));
        assertArrayEquals(new double[] {999, 899, 799, 699, 599, 499, 399, 299, 199, 99},
                Spacings.trailing(1000, 10));
    }

    @Test
    void timeGridCountsSteps() {
        TimeGrid toData = TimeGrid.shared(new double[] {11.85, 5, 0}, true, 4);
        assertEquals(3, toData.steps());
        assertTrue(toData.isDataStep(2));
        TimeGrid open = TimeGrid.shared(new double[] {0.3, 0.1, 0.01}, false, 1);
        assertEquals(2, open.steps());
        assertTrue(!open.isDataStep(1));
        TimeGrid per = TimeGrid.perElement(List.of(new double[] {11.85, 0}, new double[] {24.04, 0}), true);
        assertEquals(24.04, per.time(1, 0), 0.0);
        assertArrayEquals(new double[] {11.85, 24.04}, per.timesAt(0));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.shared(new double[] {1, 2}, true, 1));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.shared(new double[] {1}, false, 1));
    }
}
