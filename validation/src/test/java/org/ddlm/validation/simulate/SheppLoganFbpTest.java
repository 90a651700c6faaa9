package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * FBP of exact (analytic) Shepp-Logan projections against the phantom itself (metrics.md section 8): 256x256 at
 * 0.9 mm; inside the inner ellipse eroded by 4 px, where the 5x5 phantom neighbourhood is uniform, MAE &le; 0.005 and
 * max &le; 0.05; r = 3 mm ROI means within 0.005 of 0.2, 0, 0 and 0.3.
 */
class SheppLoganFbpTest {

    static final ImageGrid GRID = new ImageGrid(256, 256, 0.9, 0.9);
    static final AnalyticPhantom PHANTOM = AnalyticPhantom.modifiedSheppLogan(100);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(FanBeamGeometry.defaults(), ReconFilter.RAMP),
                Arguments.of(FanBeamGeometry.defaults(), ReconFilter.HANN),
                Arguments.of(FanBeamGeometry.defaults(), ReconFilter.SHEPP_LOGAN),
                Arguments.of(ParallelBeamGeometry.defaults(), ReconFilter.RAMP));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void reconstructsPhantomWithinBounds(ScanGeometry geometry, ReconFilter filter) {
        Sinogram p = PHANTOM.project(geometry.rays(GRID));
        double[] image = geometry.reconstructor(GRID, filter).reconstruct(p, 2);
        double[] truth = PHANTOM.sample(GRID);

        double sumAbs = 0;
        double max = 0;
        int n = 0;
        Ellipse inner = PHANTOM.ellipse(1);
        for (int r = 0; r < GRID.height(); r++) {
            for (int c = 0; c < GRID.width(); c++) {
                if (insideEroded(inner, r, c, 4) && uniform5x5(truth, r, c)) {
                    double e = Math.abs(image[r * 256 + c] - truth[r * 256 + c]);
                    sumAbs += e;
                    max = Math.max(max, e);
                    n++;
                }
            }
        }
        double mae = sumAbs / n;
        assertTrue(n > 15000, "too few evaluation pixels: " + n);
        assertTrue(mae <= 0.005, "MAE " + mae);
        assertTrue(max <= 0.05, "max error " + max);

        assertRoi(image, 0, -30, 0.2);
        assertRoi(image, 22, 0, 0.0);
        assertRoi(image, -22, 0, 0.0);
        assertRoi(image, 0, 35, 0.3);
    }

    private static boolean insideEroded(Ellipse e, int r, int c, int radiusPx) {
        for (int dr = -radiusPx; dr <= radiusPx; dr++) {
            for (int dc = -radiusPx; dc <= radiusPx; dc++) {
                if (dr * dr + dc * dc <= radiusPx * radiusPx && !e.contains(GRID.x(c + dc), GRID.y(r + dr))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean uniform5x5(double[] truth, int r, int c) {
        double v = truth[r * 256 + c];
        for (int dr = -2; dr <= 2; dr++) {
            for (int dc = -2; dc <= 2; dc++) {
                if (truth[(r + dr) * 256 + c + dc] != v) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertRoi(double[] image, double xMm, double yMm, double expected) {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < GRID.height(); r++) {
            for (int c = 0; c < GRID.width(); c++) {
                double dx = GRID.x(c) - xMm;
                double dy = GRID.y(r) - yMm;
                if (dx * dx + dy * dy <= 9) {
                    sum += image[r * 256 + c];
                    n++;
                }
            }
        }
        double mean = sum / n;
        assertTrue(n >= 30, "ROI too small: " + n);
        assertTrue(Math.abs(mean - expected) <= 0.005,
                "ROI at (" + xMm + ", " + yMm + ") mean " + mean + ", expected " + expected);
    }
}
