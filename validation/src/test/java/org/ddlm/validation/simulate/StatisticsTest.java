package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.RoiStatistics;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void tQuantilesMatchTables() {
        // Standard table values of t(0.975, nu); nu = 1 is tan(0.475 pi) exactly (Cauchy).
        assertEquals(Math.tan(0.475 * Math.PI), StudentT.quantile(0.975, 1), 1e-6);
        assertEquals(4.302653, StudentT.quantile(0.975, 2), 1e-5);
        assertEquals(2.228139, StudentT.quantile(0.975, 10), 1e-5);
        assertEquals(2.048407, StudentT.quantile(0.975, 28), 1e-5);
        assertEquals(-2.048407, StudentT.quantile(0.025, 28), 1e-5);
        assertEquals(0.5, StudentT.cdf(0, 5), 1e-12);
        // nu = 2 has the closed form F(t) = 1/2 + t / (2 sqrt(t^2 + 2)).
        assertEquals(0.5 + 1.3 / (2 * Math.sqrt(1.69 + 2)), StudentT.cdf(1.3, 2), 1e-9);
    }

    @Test
    void straightLineFitRecoversSlopeWithClosedFormStandardError() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] noise = {0.1, -0.2, 0.05, 0.15, -0.1, 0.0};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 2 - 0.5 * x[i] + noise[i];
        }
        LinearFit fit = LinearFit.of(y, x);
        // Closed forms for one regressor: b1 = Sxy / Sxx, se(b1) = s / sqrt(Sxx).
        double mx = 3.5;
        double my = 0;
        for (double v : y) {
            my += v / y.length;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double b1 = sxy / sxx;
        double b0 = my - b1 * mx;
        double rss = 0;
        for (int i = 0; i < x.length; i++) {
            rss += Math.pow(y[i] - b0 - b1 * x[i], 2);
        }
        double se = Math.sqrt(rss / 4) / Math.sqrt(sxx);
        assertEquals(b1, fit.coefficient(1), 1e-12);
        assertEquals(b0, fit.coefficient(0), 1e-12);
        assertEquals(se, fit.standardErrors()[1], 1e-12);
        assertEquals(2.776445 * se, fit.ci95HalfWidth()[1], 1e-5 * se);
    }

    @Test
    void twoRegressorFitIsExactOnExactData() {
        double[] x1 = {1, 2, 3, 4, 5, 6, 7};
        double[] x2 = {3, 1, 4, 1, 5, 9, 2};
        double[] y = new double[7];
        for (int i = 0; i < 7; i++) {
            y[i] = 1.5 + 0.25 * x1[i] - 2 * x2[i];
        }
        LinearFit fit = LinearFit.of(y, x1, x2);
        assertEquals(1.5, fit.coefficient(0), 1e-10);
        assertEquals(0.25, fit.coefficient(1), 1e-10);
        assertEquals(-2, fit.coefficient(2), 1e-10);
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(y, x1, x1));
    }

    @Test
    void roiStatisticsGivesSampleSdOfTheCircleOnly() {
        int n = 200;
        float[] hu = new float[n * n];
        SplittableRandom r = new SplittableRandom(3);
        GaussianSource g = new GaussianSource(r);
        SpacedSlice slice = new SpacedSlice(new HuImage(n, n, hu), 0.5, 0.5);
        double sum = 0;
        double sum2 = 0;
        int count = 0;
        for (int row = 0; row < n; row++) {
            for (int c = 0; c < n; c++) {
                double x = slice.grid().x(c);
                double y = slice.grid().y(row);
                boolean in = x * x + y * y <= 25 * 25;
                hu[row * n + c] = in ? (float) (120 + 10 * g.next()) : 3000f;
                if (in) {
                    sum += hu[row * n + c];
                    sum2 += (double) hu[row * n + c] * hu[row * n + c];
                    count++;
                }
            }
        }
        RoiStatistics s = NoiseVersusCurrent.centredRoi(hu, slice, 25);
        assertEquals(count, s.n());
        assertEquals(sum / count, s.mean(), 1e-9);
        assertEquals(Math.sqrt((sum2 - sum * sum / count) / (count - 1)), s.sd(), 1e-6);
        assertEquals(10, s.sd(), 0.3);
    }

    @Test
    void waterDiscHasItsOwnDiameterAsWaterEquivalentDiameter() {
        int n = 256;
        float[] hu = new float[n * n];
        SpacedSlice slice = new SpacedSlice(new HuImage(n, n, hu), 1, 1);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double x = slice.grid().x(c);
                double y = slice.grid().y(r);
                // Water disc of 200 mm, a denser (+1000 HU, twice the water) far-away blob that is not body.
                hu[r * n + c] = Math.hypot(x, y) <= 100 ? 0f : (Math.hypot(x - 120, y - 120) < 5 ? 1000f : -1000f);
            }
        }
        assertEquals(200, WaterEquivalentDiameter.of(slice), 1.0);
    }
}
