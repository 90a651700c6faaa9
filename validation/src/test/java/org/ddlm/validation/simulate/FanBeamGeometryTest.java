package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FanBeamGeometryTest {

    @Test
    void defaultGeometryHasDocumentedFanAndFieldOfView() {
        FanBeamGeometry g = FanBeamGeometry.defaults();
        assertEquals(0.0679, Math.toDegrees(g.fanAngleStep()), 5e-5);
        assertEquals(49.9, Math.toDegrees(2 * g.maxFanAngle()), 0.1);
        assertEquals(502, 2 * g.fovRadiusMm(null), 1);
    }

    @Test
    void everyRayPassesThroughTheSource() {
        FanBeamGeometry g = new FanBeamGeometry(500, 900, 11, 20, 8);
        RaySet rays = g.rays(new ImageGrid(4, 4, 1, 1));
        for (int v = 0; v < g.views(); v++) {
            double beta = g.sourceAngle(v);
            double sx = -500 * Math.sin(beta);
            double sy = 500 * Math.cos(beta);
            for (int c = 0; c < g.channels(); c++) {
                int i = v * g.channels() + c;
                assertEquals(rays.s()[i], sx * rays.cosTheta()[i] + sy * rays.sinTheta()[i], 1e-9);
            }
        }
    }

    @Test
    void waterCylinderReconstructsToMuWaterAtItsCentre() {
        // Prototype: 0.01940 /mm at the centre of a water cylinder.
        ImageGrid grid = new ImageGrid(64, 64, 4, 4);
        FanBeamGeometry g = FanBeamGeometry.defaults();
        AnalyticPhantom water = AnalyticPhantom.disc(0.0194, 100);
        double[] img = g.reconstructor(grid, ReconFilter.RAMP).reconstruct(water.project(g.rays(grid)), 2);
        double centre = (img[31 * 64 + 31] + img[31 * 64 + 32] + img[32 * 64 + 31] + img[32 * 64 + 32]) / 4;
        assertEquals(0.0194, centre, 1e-4);
        // Outside the cylinder it is air.
        assertEquals(0, img[31 * 64 + 2], 1e-3);
    }
}
