package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JosephProjectorTest {

    @Test
    void verticalAndHorizontalRaysThroughPixelCentresSumColumnsAndRows() {
        ImageGrid grid = new ImageGrid(6, 4, 0.5, 2.0);
        double[] img = new double[24];
        for (int i = 0; i < img.length; i++) {
            img[i] = i + 1;
        }
        // theta = 0: the line x = s, stepping over rows of height 2 mm.
        int col = 2;
        double columnSum = 0;
        for (int r = 0; r < 4; r++) {
            columnSum += img[r * 6 + col];
        }
        assertEquals(columnSum * 2.0, JosephProjector.integrate(img, grid, 1, 0, grid.x(col)), 1e-12);
        // theta = 90 deg: the line y = s, stepping over columns of width 0.5 mm.
        int row = 1;
        double rowSum = Arrays.stream(img, row * 6, row * 6 + 6).sum();
        assertEquals(rowSum * 0.5, JosephProjector.integrate(img, grid, 0, 1, grid.y(row)), 1e-12);
        // Halfway between two columns, linear interpolation gives the mean of both.
        double between = (JosephProjector.integrate(img, grid, 1, 0, grid.x(2))
                + JosephProjector.integrate(img, grid, 1, 0, grid.x(3))) / 2;
        assertEquals(between, JosephProjector.integrate(img, grid, 1, 0, (grid.x(2) + grid.x(3)) / 2), 1e-12);
    }

    @Test
    void pixelatedDiscMatchesAnalyticChords() {
        // A disc of radius 60 mm sampled on a 1 mm grid: projections at any angle agree with 2 mu sqrt(R^2 - s^2)
        // to within the partial-volume error at the rim, and without bias on average.
        ImageGrid grid = new ImageGrid(160, 160, 1, 1);
        AnalyticPhantom disc = AnalyticPhantom.disc(0.02, 60);
        double[] img = disc.sample(grid);
        RaySet rays = new ParallelBeamGeometry(37).rays(grid);
        Sinogram p = JosephProjector.project(img, grid, rays, 2);
        Sinogram exact = disc.project(rays);
        double worst = 0;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < rays.size(); i++) {
            if (Math.abs(rays.s()[i]) < 50) {
                double rel = (p.data()[i] - exact.data()[i]) / exact.data()[i];
                worst = Math.max(worst, Math.abs(rel));
                sum += rel;
                n++;
            }
        }
        // A staircase rim can be off by up to half a pixel at each end of a >= 66 mm chord: 1.5 %.
        assertEquals(0, worst, 0.02, "worst relative chord error " + worst);
        assertEquals(0, sum / n, 0.002, "mean relative chord error " + sum / n);
    }

    @Test
    void raysMissingTheImageGiveZero() {
        ImageGrid grid = new ImageGrid(10, 10, 1, 1);
        double[] img = new double[100];
        Arrays.fill(img, 1);
        assertEquals(0, JosephProjector.integrate(img, grid, Math.cos(0.3), Math.sin(0.3), 20), 0);
        assertEquals(0, JosephProjector.integrate(img, grid, 1, 0, -5.6), 0);
    }
}
