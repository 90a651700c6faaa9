package org.ddlm.diffusion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ddlm.diffusion.oracle.GaussianOracle;
import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Vp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conversions of algorithms.md §2 ("What to test"). */
class ParameterisationTest {

    private static final double[] U = {0.0, 0.37, 11.85, 500.0, 999.0};
    private static final DiscreteSchedule COSINE = DiscreteSchedule.cosine(1000);
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Batch of 5 elements (one per u) of 3×4 random pixels. */
    private static NDArray random(long seed, DataType type) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[U.length * 12];
        for (int k = 0; k < v.length; k++) {
            v[k] = 2.0 * r.nextDouble() - 1.0;
        }
        return manager.create(v, new Shape(U.length, 1, 3, 4)).toType(type, false);
    }

    private static double maxAbs(NDArray a) {
        return a.abs().max().toType(DataType.FLOAT64, false).getDouble();
    }

    @Test
    void roundTripsBetweenAllParameterisations() {
        NDArray x = random(1, DataType.FLOAT64);
        NDArray eps = random(2, DataType.FLOAT64);
        double[] a = Parameterisation.alphas(COSINE, U);
        double[] s = Parameterisation.sigmas(COSINE, U);
        Estimate fromEps = Parameterisation.toEstimate(Prediction.EPS, x, eps, a, s);
        NDArray x0 = fromEps.x0();
        Estimate fromX0 = Parameterisation.toEstimate(Prediction.X0, x, x0, a, s);
        NDArray v = Parameterisation.toV(fromX0, a, s);
        Estimate fromV = Parameterisation.toEstimate(Prediction.V, x, v, a, s);
        // ε → x0 → ε, then → v → (x0, ε)
        assertEquals(0.0, maxAbs(fromX0.eps().sub(eps)), 1e-10);
        assertEquals(0.0, maxAbs(fromV.eps().sub(eps)), 1e-10);
        assertEquals(0.0, maxAbs(fromV.x0().sub(x0)), 1e-10);
        assertEquals(0.0, maxAbs(Parameterisation.toV(fromEps, a, s).sub(v)), 1e-10);
    }

    @Test
    void everyHelperOutputIsConsistentWithX() {
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            NDArray x = random(3, type);
            NDArray out = random(4, type);
            double[] a = Parameterisation.alphas(COSINE, U);
            double[] s = Parameterisation.sigmas(COSINE, U);
            for (Prediction p : Prediction.values()) {
                Estimate e = Parameterisation.toEstimate(p, x, out, a, s);
                NDArray back = Coefficients.combine(a, e.x0(), s, e.eps());
                double err = maxAbs(back.sub(x));
                if (type == DataType.FLOAT64) {
                    assertEquals(0.0, err, 1e-12, p + " float64");
                } else {
                    // Relative to the size of the terms: at u = 999 α·x0 and σ·ε are O(1).
                    assertEquals(0.0, err, 1e-6 * 4, p + " float32");
                }
            }
        }
    }

    @Test
    void scoreMatchesFiniteDifferenceOfGaussianLogDensity() {
        ContinuousVpSchedule vp = ContinuousVpSchedule.standard();
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, vp, Prediction.X0);
        double[] t = {0.01, 0.2, 0.7};
        double[] xs = {-1.3, 0.4, 2.2};
        NDArray x = manager.create(xs, new Shape(3)).toType(DataType.FLOAT64, false);
        double[] score = oracle.score(x, t).toDoubleArray();
        for (int b = 0; b < 3; b++) {
            double lam = vp.lambda(t[b]);
            double d = 1e-5;
            double fd = (oracle.logDensity(xs[b] + d, lam) - oracle.logDensity(xs[b] - d, lam)) / (2 * d);
            assertEquals(fd, score[b], 1e-6, "t = " + t[b]);
        }
    }

    @Test
    void denoiserHelpersAgreeWithOraclesOfOtherTypes() {
        GaussianOracle epsModel = new GaussianOracle(0.3, 0.5, COSINE, Prediction.EPS);
        GaussianOracle vModel = new GaussianOracle(0.3, 0.5, COSINE, Prediction.V);
        GaussianOracle x0Model = new GaussianOracle(0.3, 0.5, COSINE, Prediction.X0);
        NDArray x = random(7, DataType.FLOAT64);
        assertEquals(0.0, maxAbs(epsModel.v(x, U).sub(vModel.predict(x, U))), 1e-10);
        assertEquals(0.0, maxAbs(vModel.estimate(x, U).x0().sub(x0Model.predict(x, U))), 1e-10);
        assertEquals(0.0, maxAbs(x0Model.estimate(x, U).eps().sub(epsModel.predict(x, U))), 1e-10);
    }

    @Test
    void ctIntensityMapping() {
        IntensityMapping m = IntensityMapping.CT_HU;
        assertEquals(-1.024, m.toModel(-1024), 1e-15);
        assertEquals(0.0, m.toModel(0), 0.0);
        assertEquals(3.071, m.toModel(3071), 1e-15);
        assertEquals(0.03, m.noiseToModel(30), 1e-15);
        assertEquals(-1024.0, m.toImage(m.toModel(-1024)), 1e-12);
    }

    @Test
    void networkDenoiserPassesFloat32TimesAndKeepsInputType() {
        float[][] seen = new float[1][];
        Network identityPlusU = new Network() {
            @Override
            public NDArray forward(NDArray x, NDArray u) {
                assertEquals(DataType.FLOAT32, x.getDataType());
                assertEquals(DataType.FLOAT32, u.getDataType());
                assertEquals(new Shape(2), u.getShape());
                seen[0] = u.toFloatArray();
                return x.add(u.reshape(2, 1, 1, 1));
            }

            @Override
            public void close() {
            }
        };
        NetworkDenoiser d = new NetworkDenoiser(identityPlusU, Prediction.EPS, COSINE, IntensityMapping.CT_HU, 16);
        NDArray x = manager.zeros(new Shape(2, 1, 2, 2), DataType.FLOAT64);
        NDArray out = d.predict(x, new double[] {11.85, 500.25});
        assertEquals(DataType.FLOAT64, out.getDataType());
        assertEquals(11.85f, seen[0][0], 0.0f);
        assertEquals(500.25, out.toDoubleArray()[4], 0.0);
        assertEquals(16, d.sizeMultiple());
        // ε-model: x0 = (x − σε)/α
        double[] x0 = d.estimate(x, new double[] {11.85, 500.25}).x0().toDoubleArray();
        double lam = COSINE.lambda(11.85);
        assertEquals(-Vp.sigma(lam) * (float) 11.85 / Vp.alpha(lam), x0[0], 1e-12);
    }
}
