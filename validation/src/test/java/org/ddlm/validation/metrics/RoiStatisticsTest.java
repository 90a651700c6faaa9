package org.ddlm.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/** ROI parsing and the sample SD of metrics.md section 7. */
class RoiStatisticsTest {

    @Test
    void rectangleOverAColumnRampHasTheClosedFormMeanAndSampleSd() throws MetricException {
        int w = 50;
        int h = 40;
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % w; // value = column index
        }
        Roi roi = Roi.parse("10,5,20,8"); // columns 10..29, rows 5..12
        RoiStatistics s = RoiStatistics.of(new HuImage(w, h, p), roi);
        int cols = 20;
        int rows = 8;
        assertEquals(cols * rows, s.n());
        assertEquals(19.5, s.mean(), 1e-12);
        // Sum of squared deviations of 20 consecutive integers is 20(20^2 - 1)/12, repeated over 8 rows.
        double ss = rows * cols * (cols * cols - 1) / 12.0;
        assertEquals(Math.sqrt(ss / (cols * rows - 1)), s.sd(), 1e-12);
    }

    @Test
    void circleContainsPixelsByCentreDistanceAndPaddingIsExcluded() throws MetricException {
        Roi c = Roi.parse("10,10,3");
        assertTrue(c.contains(13, 10));
        assertTrue(c.contains(10, 7));
        assertFalse(c.contains(13, 11));
        int w = 21;
        float[] p = new float[w * w];
        boolean[] pad = new boolean[w * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % 2 == 0) ? 10 : 30;
        }
        p[10 * w + 10] = 5000;
        pad[10 * w + 10] = true; // the outlier is padding
        RoiStatistics s = RoiStatistics.of(new HuImage(w, w, p, pad), c);
        assertEquals(28, s.n()); // 29 pixels within radius 3, less the padded one
        assertTrue(s.mean() > 10 && s.mean() < 30);
    }

    @Test
    void centredCircleInMillimetresStaysRoundOnTallPixels() throws MetricException {
        // 5x4 pixels of 1 mm x 2 mm, centre (2, 1.5): rows 1 and 2 lie 1 mm off centre, rows 0 and 3 lie 3 mm off.
        Roi c = new Roi.CentredCircleMm(5, 4, 1.0, 2.0, 2.0);
        assertTrue(c.contains(1, 1) && c.contains(3, 2) && c.contains(2, 1));
        assertFalse(c.contains(0, 1), "2 mm across and 1 mm up is outside 2 mm");
        assertFalse(c.contains(2, 0), "3 mm up is outside, though 1.5 pixels");
        float[] p = new float[20];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        // Pixels 6, 7, 8, 11, 12, 13: mean 9.5, sample variance of {-3.5,-2.5,-1.5,1.5,2.5,3.5} = 41.5/5.
        RoiStatistics s = RoiStatistics.of(new HuImage(5, 4, p), c);
        assertEquals(6, s.n());
        assertEquals(9.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(41.5 / 5), s.sd(), 1e-12);
    }

    @Test
    void badRoisAreRejected() {
        for (String s : new String[] {"", "1,2", "1,2,0", "1,2,-3", "1,2,3,4,5", "a,b,c", "1,2,3,0", "1,2,3.5,4"}) {
            assertThrows(MetricException.class, () -> Roi.parse(s), s);
        }
        float[] p = new float[100];
        assertThrows(MetricException.class,
                () -> RoiStatistics.of(new HuImage(10, 10, p), new Roi.Rectangle(20, 20, 5, 5)));
    }
}
